package dev.leakscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.leakscope.agent.bootstrap.Recorder;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import org.tensorflow.internal.c_api.TF_Tensor;
import org.tensorflow.internal.c_api.global.tensorflow;

/**
 * {@code tensorflow} (TensorFlow Java 1.x): the native tensors Java holds. Every one that Java is
 * to delete, whether allocated ({@code Tensor.of}, {@code TFloat32.tensorOf}, ...) or handed over by
 * TensorFlow ({@code Session.run} outputs, eager results), gets a {@code DeleteDeallocator}, and
 * its {@code deallocate()} is where {@code TF_DeleteTensor} runs: on {@code close()}, on the close
 * of the scope or eager session that owns it, and on JavaCPP's collection of a dropped tensor. So
 * the deallocator's construction and its first {@code deallocate()} pair up exactly, whatever
 * path a tensor takes. Keyed by the native tensor's address; its size is TensorFlow's own
 * {@code TF_TensorByteSize}. The JavaCPP pointer around the tensor has no size of its own, so the
 * {@code javacpp} module does not count it again.
 */
final class TensorFlowModule implements InstrumentationModule {

    private static final String DEALLOCATOR = "org.tensorflow.internal.c_api.AbstractTF_Tensor$DeleteDeallocator";

    @Override
    public String name() {
        return "tensorflow";
    }

    @Override
    public List<String> classes() {
        return List.of(DEALLOCATOR);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advice) {
        return builder.type(named(DEALLOCATOR)).transform(advice.to(isConstructor(), getClass(), "Created")
                .advice(named("deallocate").and(takesArguments(0)), Advices.name(getClass(), "Deleted")));
    }

    static final class Created {
        private Created() {
        }

        /** The deallocator is a {@code TF_Tensor} at the tensor's address. */
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This TF_Tensor tensor) {
            if (!tensor.isNull()) {
                Recorder.allocated(Recorder.TF_TENSOR, null, tensor.address(), tensorflow.TF_TensorByteSize(tensor));
            }
        }
    }

    static final class Deleted {
        private Deleted() {
        }

        /** On entry, while the tensor still exists; it sets itself to null once deleted, so a second call counts nothing. */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This TF_Tensor tensor) {
            if (!tensor.isNull()) {
                Recorder.freed(Recorder.TF_TENSOR, null, tensor.address(), tensorflow.TF_TensorByteSize(tensor));
            }
        }
    }
}
