package dev.leakscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;

import dev.leakscope.agent.bootstrap.Marks;
import dev.leakscope.agent.options.MethodMarker;
import dev.leakscope.core.observe.Observation;
import dev.leakscope.core.sample.Notice;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.function.Consumer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the iteration, phase and cleanup markers (the {@code leakscope-api} methods and those
 * the options name) and removes them again. Independent of allocation tracking: markers work
 * with {@code modules=none}. A marker whose class cannot be transformed, or has no such method,
 * is told in a notice; the host runs on. Called by the agent's own threads only.
 */
public final class MarkerInstrumenter {

    private final Instrumentation instrumentation;
    private final List<MethodMarker> markers;
    private ResettableClassFileTransformer transformer;

    public MarkerInstrumenter(Instrumentation instrumentation, List<MethodMarker> markers) {
        this.instrumentation = instrumentation;
        this.markers = List.copyOf(markers);
    }

    /**
     * Routes markers to {@code observation} and instruments their methods, loaded and to come. The
     * listener is made here, not by the caller: a caller that handed one over would have the
     * verifier load {@code Marks.Listener} before the bridge is defined in the bootstrap loader.
     */
    public void install(Observation observation) {
        Marks.install(new ObservationMarks(observation));
        AgentBuilder builder = Instrumenter.base(instrumentation, new Reporter(observation::notice))
                // nothing ignored: the types are named exactly, so no class of ours matches by chance, and
                // a name is all ByteBuddy reads of the other classes the host loads (see Instrumenter.install)
                .ignore(none());
        builder = MarkersModule.api(builder, new Advices());
        for (MethodMarker m : markers) {
            builder = MarkersModule.method(builder, m);
        }
        try {
            transformer = builder.installOn(instrumentation);
        } catch (RuntimeException | LinkageError e) {
            Marks.install(null);
            throw e;
        }
    }

    /** Stops the markers and gives the marked classes their original code back. Never throws. */
    public void remove() {
        Marks.install(null);
        if (transformer != null) {
            Instrumenter.reset(transformer, instrumentation);
            transformer = null;
        }
    }

    /** Tells when a marker's class is instrumented without the method it names, or cannot be. */
    private final class Reporter extends NoticeOnce {

        Reporter(Consumer<Notice> notices) {
            super(notices);
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            for (MethodMarker m : markers) {
                if (m.className().equals(type.getName()) && type.getDeclaredMethods().filter(named(m.methodName())).isEmpty()) {
                    once(m.asWritten(), Notice.warn(m.kind().key() + "=" + m.asWritten() + ": " + type.getName()
                            + " declares no method " + m.methodName() + "; this marker never fires", null));
                }
            }
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            once(typeName, Notice.warn("markers: cannot instrument " + typeName + ": " + error
                    + "; its markers do not fire, the application runs on unchanged", null));
        }
    }
}
