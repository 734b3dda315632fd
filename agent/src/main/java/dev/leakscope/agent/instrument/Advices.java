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
        this(new AgentBuilder.Transformer.ForAdvice());
    }

    /**
     * Advice whose parameters annotated with a custom annotation take the constant bound to it
     * (a marker's label), as {@code Advice.withCustomMapping()} binds them.
     */
    Advices(Advice.WithCustomMapping constants) {
        this(new AgentBuilder.Transformer.ForAdvice(constants));
    }

    private Advices(AgentBuilder.Transformer.ForAdvice transformer) {
        this.base = transformer
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
