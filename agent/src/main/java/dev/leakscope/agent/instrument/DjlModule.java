package dev.leakscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import ai.djl.ndarray.NDArray;
import dev.leakscope.agent.bootstrap.Recorder;
import java.nio.ByteBuffer;
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
 * with its arrays, all leaked. An array whose data is a Java direct buffer ({@code PtNDManager.create}
 * copies data into one, and PyTorch uses it in place) adds 0 bytes: that memory is the direct
 * buffer's, counted there at the same line.
 */
final class DjlModule implements InstrumentationModule {

    private static final String ARRAY = "ai.djl.pytorch.engine.PtNDArray";
    private static final String MANAGER = "ai.djl.ndarray.BaseNDManager";

    @Override
    public String name() {
        return "djl";
    }

    @Override
    public List<String> classes() {
        return List.of(ARRAY, MANAGER);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advice) {
        return builder
                .type(named(ARRAY)).transform(advice.to(isConstructor(), getClass(), "ArrayCreated")
                        .advice(named("close").and(takesArguments(0)), Advices.name(getClass(), "ArrayClosed")))
                .type(named(MANAGER)).transform(advice.to(isConstructor(), getClass(), "ManagerCreated")
                        .advice(named("close").and(takesArguments(0)), Advices.name(getClass(), "ManagerClosed")));
    }

    static final class ArrayCreated {
        private ArrayCreated() {
        }

        /** Shape times element size; 0 when its data is a direct buffer, or for strings (a negative size). */
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This NDArray array, @Advice.FieldValue("dataRef") ByteBuffer dataRef) {
            long bytes = dataRef != null ? 0 : Math.max(0, array.getShape().size() * array.getDataType().getNumOfBytes());
            Recorder.allocated(Recorder.DJL_NDARRAY, array, 0, bytes);
        }
    }

    static final class ArrayClosed {
        private ArrayClosed() {
        }

        /** Its bytes while it is still open (idempotent close: a second one frees nothing), else -1. */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.This NDArray array, @Advice.FieldValue("handle") AtomicReference<?> handle,
                          @Advice.FieldValue("dataRef") ByteBuffer dataRef) {
            if (handle.get() == null) {
                return -1;
            }
            return dataRef != null ? 0 : Math.max(0, array.getShape().size() * array.getDataType().getNumOfBytes());
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter long bytes, @Advice.This Object array) {
            if (bytes >= 0) {
                Recorder.freed(Recorder.DJL_NDARRAY, array, 0, bytes);
            }
        }
    }

    static final class ManagerCreated {
        private ManagerCreated() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object manager) {
            Recorder.allocated(Recorder.DJL_NDMANAGER, manager, 0, 0);
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
