package dev.leakscope.agent.instrument;

import dev.leakscope.agent.bootstrap.Recorder;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Applies advice classes by name, as the OpenTelemetry agent does: the advice is read as class
 * files, never loaded, so that advice referring to a library's types (ONNX Runtime's) resolves
 * against the host's copy of that library. An exception thrown inside advice is handed to
 * {@link Recorder#adviceFailed}, which counts it, instead of reaching the host.
 */
final class Advices {

    private final AgentBuilder.Transformer.ForAdvice base;

    Advices() {
        this.base = new AgentBuilder.Transformer.ForAdvice()
                .include(Advices.class.getClassLoader())
                .withExceptionHandler(new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(adviceFailed())));
    }

    /**
     * A transformer that applies {@code nested}, an advice class nested in {@code module}, to the
     * methods {@code on} matches; chain {@code .advice(...)} on it for more.
     */
    AgentBuilder.Transformer.ForAdvice to(ElementMatcher<? super MethodDescription> on, Class<?> module, String nested) {
        return base.advice(on, name(module, nested));
    }

    /** The binary name of an advice class nested in {@code module}. */
    static String name(Class<?> module, String nested) {
        return module.getName() + "$" + nested;
    }

    private static MethodDescription.InDefinedShape adviceFailed() {
        try {
            return new MethodDescription.ForLoadedMethod(Recorder.class.getMethod("adviceFailed", Throwable.class));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the bootstrap bridge lacks Recorder.adviceFailed: " + e.getMessage(), e);
        }
    }
}
