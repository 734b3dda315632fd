package dev.leakscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.agent.bootstrap.Recorder;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.Test;

/** Advice that throws never reaches the instrumented code's caller: the bridge counts it instead. */
class AdvicesTest {

    /** Stands for a library class. */
    public static class Library {
        public int work() {
            return 42;
        }
    }

    static final class Throwing {
        private Throwing() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            throw new IllegalStateException("advice failed on purpose");
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit() {
            throw new IllegalArgumentException("and again on exit");
        }
    }

    @Test
    void anExceptionInsideAdviceIsCountedAndTheMethodRunsAsWritten() throws ReflectiveOperationException {
        long before = Recorder.adviceErrors();
        DynamicType.Builder<Library> builder = new ByteBuddy().redefine(Library.class);
        DynamicType.Builder<?> advised = new Advices().to(named("work"), AdvicesTest.class, "Throwing")
                .transform(builder, TypeDescription.ForLoadedType.of(Library.class), getClass().getClassLoader(), null, null);
        Class<?> redefined = advised.make().load(getClass().getClassLoader(), ClassLoadingStrategy.Default.CHILD_FIRST)
                .getLoaded();
        Object library = redefined.getConstructor().newInstance();
        assertThat(redefined.getMethod("work").invoke(library)).isEqualTo(42);
        assertThat(Recorder.adviceErrors() - before).isEqualTo(2);
        assertThat(Recorder.firstAdviceError()).isNotNull();
    }
}
