package dev.leakscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.leakscope.agent.bootstrap.Recorder;
import java.nio.Buffer;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code onnxruntime}: {@code OnnxTensor} (made by every {@code createTensor} overload and by
 * {@code OrtSession.run} for its outputs, all through its constructors) and its {@code close()};
 * {@code OrtSession.Result} and its {@code close()}; {@code OrtSession} and its {@code close()}.
 * None of them frees native memory on GC (ONNX Runtime has no Cleaner), so one collected unclosed
 * has leaked for good. A tensor's bytes are its shape times its element size, unless its data lives
 * in a direct buffer: one it owns ({@code createTensor} copies a heap buffer into one, counted at the
 * same line) or the caller's (used in place, counted where the caller made it). That memory is the
 * direct buffer's, and the tensor adds 0, so that nothing is counted twice.
 */
final class OnnxRuntimeModule implements InstrumentationModule {

    private static final String TENSOR = "ai.onnxruntime.OnnxTensor";
    private static final String RESULT = "ai.onnxruntime.OrtSession$Result";
    private static final String SESSION = "ai.onnxruntime.OrtSession";

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public List<String> classes() {
        return List.of(TENSOR, RESULT, SESSION);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advice) {
        return builder
                // the constructor the other delegates to, so that each tensor counts once
                .type(named(TENSOR)).transform(advice.to(isConstructor().and(takesArguments(5)), getClass(), "TensorCreated")
                        .advice(named("close").and(takesArguments(0)), Advices.name(getClass(), "TensorClosed")))
                .type(named(RESULT)).transform(advice.to(isConstructor(), getClass(), "ResultCreated")
                        .advice(named("close").and(takesArguments(0)), Advices.name(getClass(), "Closed")))
                // the one constructor the public ones delegate to, so that each session counts once
                .type(named(SESSION)).transform(advice.to(isConstructor().and(takesArguments(2)).and(takesArgument(0, long.class)),
                        getClass(), "SessionCreated")
                        .advice(named("close").and(takesArguments(0)), Advices.name(getClass(), "Closed")));
    }

    static final class TensorCreated {
        private TensorCreated() {
        }

        /**
         * Shape times element size, or 0 when its data is a direct buffer (inlined into ONNX
         * Runtime, so it may call only it and the bridge).
         */
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This OnnxTensor tensor, @Advice.Argument(2) TensorInfo info, @Advice.Argument(3) Buffer buffer) {
            long bytes = buffer != null && buffer.isDirect() ? 0 : info.getNumElements() * Math.max(1, info.type.size);
            Recorder.allocated(Recorder.ONNX_TENSOR, tensor, 0, bytes);
        }
    }

    static final class TensorClosed {
        private TensorClosed() {
        }

        /**
         * Its bytes, as at its creation, while it is open, else -1: closing twice only logs a
         * warning in ONNX Runtime, and must count once.
         */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.This OnnxTensor tensor, @Advice.FieldValue("closed") boolean closed,
                          @Advice.FieldValue("buffer") Buffer buffer) {
            if (closed) {
                return -1;
            }
            TensorInfo info = tensor.getInfo();
            return buffer != null && buffer.isDirect() ? 0 : info.getNumElements() * Math.max(1, info.type.size);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter long bytes, @Advice.This OnnxTensor tensor) {
            if (bytes >= 0) {
                Recorder.freed(Recorder.ONNX_TENSOR, tensor, 0, bytes);
            }
        }
    }

    static final class ResultCreated {
        private ResultCreated() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object result) {
            Recorder.allocated(Recorder.ONNX_RESULT, result, 0, 0);
        }
    }

    static final class SessionCreated {
        private SessionCreated() {
        }

        /** Sessions are few and large: every one is tracked. */
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object session) {
            Recorder.allocated(Recorder.ONNX_SESSION, session, 0, 0, Long.MAX_VALUE);
        }
    }

    /** {@code Result.close()} and {@code OrtSession.close()}: counted once, when it was open. */
    static final class Closed {
        private Closed() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.FieldValue("closed") boolean closed) {
            return !closed;
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter boolean wasOpen, @Advice.This Object closeable) {
            if (wasOpen) {
                Recorder.freed(closeable instanceof OrtSession ? Recorder.ONNX_SESSION : Recorder.ONNX_RESULT, closeable, 0, 0);
            }
        }
    }
}
