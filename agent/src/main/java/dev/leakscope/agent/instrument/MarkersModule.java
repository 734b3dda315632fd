package dev.leakscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.leakscope.agent.bootstrap.Marks;
import dev.leakscope.agent.options.MethodMarker;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * The advice of iteration, phase and cleanup markers (docs/phases.md): on the {@code leakscope-api}
 * methods, whose bodies are empty without the agent, and on the methods the options name. Each
 * advice body is one call into the bootstrap bridge, {@link Marks}.
 */
final class MarkersModule {

    static final String API = "dev.leakscope.api.LeakScope";
    static final String API_CLEANUP = "dev.leakscope.api.Cleanup";

    /** A marker's label, bound as a constant into its advice. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Label {
    }

    /** A cleanup marker's expected size, bound as a constant into its advice. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Expected {
    }

    private MarkersModule() {
    }

    /** The API's methods. */
    static AgentBuilder api(AgentBuilder builder, Advices advice) {
        Class<?> self = MarkersModule.class;
        return builder.type(named(API)).transform(advice.to(named("iteration").and(takesArguments(0)), self, "Iteration")
                        .advice(named("phase").and(takesArguments(1)), Advices.name(self, "ApiPhase")))
                .type(named(API_CLEANUP)).transform(advice.to(isConstructor().and(takesArguments(2)), self, "ApiCleanupBegan")
                        .advice(named("close").and(takesArguments(0)), Advices.name(self, "ApiCleanupEnded")));
    }

    /** One method named in the options. */
    static AgentBuilder method(AgentBuilder builder, MethodMarker marker) {
        Advices advice = new Advices(Advice.withCustomMapping().bind(Label.class, String.valueOf(marker.label()))
                .bind(Expected.class, Long.toString(marker.expectedBytes())));
        String nested = switch (marker.kind()) {
            case ITERATION -> "Iteration";
            case PHASE -> "MethodPhase";
            case CLEANUP -> "MethodCleanup";
        };
        return builder.type(named(marker.className()))
                .transform(advice.to(named(marker.methodName()), MarkersModule.class, nested));
    }

    static final class Iteration {
        private Iteration() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit() {
            Marks.iteration();
        }
    }

    static final class ApiPhase {
        private ApiPhase() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) String label) {
            Marks.phase(label);
        }
    }

    static final class ApiCleanupBegan {
        private ApiCleanupBegan() {
        }

        /** The check's handle is kept in the API object's own {@code token} field. */
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) String label, @Advice.Argument(1) String expected,
                         @Advice.FieldValue(value = "token", readOnly = false) Object token) {
            token = Marks.cleanupBegan(label, expected);
        }
    }

    static final class ApiCleanupEnded {
        private ApiCleanupEnded() {
        }

        /** Cleared first, so that a second close ends nothing. */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue(value = "token", readOnly = false) Object token) {
            Object open = token;
            token = null;
            Marks.cleanupEnded(open);
        }
    }

    static final class MethodPhase {
        private MethodPhase() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Label String label) {
            Marks.phase(label);
        }
    }

    static final class MethodCleanup {
        private MethodCleanup() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Label String label, @Expected String expected) {
            return Marks.cleanupBegan(label, expected);
        }

        /** Also when the method throws: the block has ended either way. */
        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Marks.cleanupEnded(token);
        }
    }
}
