package dev.leakscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import ai.djl.ndarray.NDArray;
import dev.leakscope.agent.bootstrap.Recorder;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code djl}: DJL's PyTorch engine. Every {@code NDArray} is a {@code PtNDArray}, made by one of
 * its three constructors (none calls another) and freed in its {@code close()}; every
 * {@code NDManager} is a {@code BaseNDManager}, whose {@code close()} closes what it holds. Neither
 * is freed on GC: a manager holds its arrays strongly, so a manager dropped unclosed is collected
 * with its arrays, all leaked. The direct buffer {@code PtNDManager.create} copies data into is the
 * array's, not a direct buffer of its own.
 */
final class DjlModule implements InstrumentationModule {

    private static final String ARRAY = "ai.djl.pytorch.engine.PtNDArray";
    private static final String PT_MANAGER = "ai.djl.pytorch.engine.PtNDManager";
    private static final String MANAGER = "ai.djl.ndarray.BaseNDManager";
    /** Managers hold no memory of their own that Java can see: sampled as if this large. */
    static final long MANAGER_SAMPLED_AS = 64 * 1024;

    @Override
    public String name() {
        return "djl";
    }

    @Override
    public List<String> classes() {
        return List.of(ARRAY, PT_MANAGER, MANAGER);
    }

    @Override
    public boolean outer() {
        return true;
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advice) {
        return builder
                .type(named(ARRAY)).transform(advice.to(isConstructor(), getClass(), "ArrayCreated")
                        .advice(named("close").and(takesArguments(0)), Advices.name(getClass(), "ArrayClosed")))
                .type(named(PT_MANAGER)).transform(advice.to(named("create").and(not(isBridge())),
                        getClass(), "Factory"))
                .type(named(MANAGER)).transform(advice.to(isConstructor(), getClass(), "ManagerCreated")
                        .advice(named("close").and(takesArguments(0)), Advices.name(getClass(), "ManagerClosed")));
    }

    static final class ArrayCreated {
        private ArrayCreated() {
        }

        /** Shape times element size; string arrays (a negative size) count as 0 bytes. */
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This NDArray array) {
            Recorder.allocated(Recorder.DJL_NDARRAY, array, 0,
                    Math.max(0, array.getShape().size() * array.getDataType().getNumOfBytes()));
        }
    }

    static final class ArrayClosed {
        private ArrayClosed() {
        }

        /** Its bytes while it is still open (idempotent close: a second one frees nothing), else -1. */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.This NDArray array, @Advice.FieldValue("handle") AtomicReference<?> handle) {
            return handle.get() == null ? -1 : Math.max(0, array.getShape().size() * array.getDataType().getNumOfBytes());
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter long bytes, @Advice.This Object array) {
            if (bytes >= 0) {
                Recorder.freed(Recorder.DJL_NDARRAY, array, 0, bytes);
            }
        }
    }

    /** Inside {@code create}, the direct buffer the data is copied into belongs to the array. */
    static final class Factory {
        private Factory() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Recorder.enterOuter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit() {
            Recorder.exitOuter();
        }
    }

    static final class ManagerCreated {
        private ManagerCreated() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object manager) {
            Recorder.allocated(Recorder.DJL_NDMANAGER, manager, 0, 0, MANAGER_SAMPLED_AS);
        }
    }

    static final class ManagerClosed {
        private ManagerClosed() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.FieldValue("closed") AtomicBoolean closed) {
            return !closed.get();
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter boolean wasOpen, @Advice.This Object manager) {
            if (wasOpen) {
                Recorder.freed(Recorder.DJL_NDMANAGER, manager, 0, 0);
            }
        }
    }
}
