package dev.leakscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.leakscope.agent.bootstrap.Recorder;
import dev.leakscope.core.sample.Notice;
import dev.leakscope.core.site.SiteTable;
import dev.leakscope.core.site.Tracking;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the chosen instrumentation modules and removes them again. A class that cannot be
 * transformed stays as it was, and a notice says which part of tracking is off; the host goes on.
 * Called by the agent's own threads only.
 */
public final class Instrumenter {

    /** Every module, in the order the {@code start} event lists them. */
    static final List<InstrumentationModule> ALL = List.of(new DirectBuffersModule(), new UnsafeModule(),
            new OnnxRuntimeModule(), new DjlModule(), new TensorFlowModule(), new JavaCppModule(), new NettyModule());

    private final Instrumentation instrumentation;
    private final List<InstrumentationModule> modules;
    private final Map<String, String> states = new LinkedHashMap<>();
    private final SiteTable table;
    private final long sampleBytes;
    /**
     * Most sampled allocations a second. Each walks the stack to its site: about 1.5 µs once the JIT
     * has compiled the sampling path, but tens of µs before, and at this rate C2 compiles it only
     * after a minute or so; meanwhile {@code Recorder.MAX_SAMPLING_SHARE} of a core's time bounds
     * sampling instead (docs/benchmarks.md). 100 keeps sampling cheap however fast the host
     * allocates, and still gives a heavy allocator's sites thousands of samples an hour.
     */
    static final long MAX_SAMPLES_PER_S = 100;

    /** ByteBuddy's {@code net.bytebuddy.nexus.disabled}, as relocation renames it in the agent jar. */
    private static final String NEXUS_DISABLED = "dev.leakscope.shaded.net.bytebuddy.nexus.disabled";

    private ResettableClassFileTransformer transformer;
    private Consumer<Notice> notices;
    private boolean adviceErrorsReported;

    /**
     * @param names       the modules to install, by name
     * @param sampleBytes about one allocation is sampled per this many bytes
     * @param problem     why nothing can be instrumented in this JVM, or {@code null}
     */
    public Instrumenter(Instrumentation instrumentation, Set<String> names, SiteTable table, long sampleBytes,
                        String problem) {
        this.instrumentation = instrumentation;
        this.modules = problem != null ? List.of() : ALL.stream().filter(m -> names.contains(m.name())).toList();
        this.table = table;
        this.sampleBytes = sampleBytes;
        for (InstrumentationModule m : ALL) {
            states.put(m.name(), !names.contains(m.name()) ? "off: left out by the modules option"
                    : problem != null ? "off: " + problem : Presence.of(m));
        }
    }

    /** What the {@code start} event says: each module "on", or why it is not. */
    public Tracking tracking() {
        return new Tracking(table, Collections.unmodifiableMap(new LinkedHashMap<>(states)), kind -> Recorder.totals(kind.id()),
                this::reportAdviceErrors);
    }

    /** Once per tick: an exception inside advice never reaches the host; the first is told here, once. */
    private void reportAdviceErrors() {
        long errors = Recorder.adviceErrors();
        if (errors > 0 && !adviceErrorsReported && notices != null) {
            adviceErrorsReported = true;
            notices.accept(Notice.warn("instrumentation: " + errors + " error(s) inside advice, the first: "
                    + Recorder.firstAdviceError() + "; those calls were not tracked, the application ran on unchanged", null));
        }
    }

    /**
     * Starts recording and transforms the modules' classes, those loaded already and those to come.
     * Failures become notices; a failure of ByteBuddy itself turns tracking off and is thrown.
     */
    public void install(Consumer<Notice> notices) {
        if (modules.isEmpty()) {
            return;
        }
        this.notices = notices;
        Recorder.install(new TrackingSink(table), sampleBytes, MAX_SAMPLES_PER_S);
        // by name alone: a matcher on anything else (modifiers, say) would make ByteBuddy parse every
        // class the host loads, for as long as it runs (docs/benchmarks.md, sixth pass)
        AgentBuilder builder = base(instrumentation, new Reporter(notices)).ignore(nameStartsWith("dev.leakscope."));
        Advices advice = new Advices();
        for (InstrumentationModule m : modules) {
            builder = m.instrument(builder, advice);
        }
        try {
            transformer = builder.installOn(instrumentation);
        } catch (RuntimeException | LinkageError e) {
            Recorder.install(null, sampleBytes);
            throw e;
        }
    }

    /**
     * The builder every transformation of the agent starts from: advice inlined into classes as
     * they are (no new members), applied to loaded classes by retransformation, and able to reach
     * the bootstrap bridge from any module.
     */
    static AgentBuilder base(Instrumentation instrumentation, AgentBuilder.Listener listener) {
        // Our advice needs no initializer injection (NoOp below), but AgentBuilder.Default makes its
        // Nexus accessor first, which calls sun.misc.Unsafe: JDK 24+ would print four warning lines
        // on the host's stderr. The property is our relocated ByteBuddy's own, nobody else's.
        System.setProperty(NEXUS_DISABLED, "true");
        return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(listener)
                .assureReadEdgeTo(instrumentation, Recorder.class);
    }

    /** Gives every class {@code transformer} changed its original code back. Never throws. */
    static void reset(ResettableClassFileTransformer transformer, Instrumentation instrumentation) {
        try {
            transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        } catch (RuntimeException | LinkageError e) {
            // the advice stays, but does nothing without a sink or listener
        }
    }

    /** Stops recording and gives every transformed class its original code back. Never throws. */
    public void remove() {
        Recorder.install(null, sampleBytes);
        if (transformer != null) {
            reset(transformer, instrumentation);
            transformer = null;
        }
    }

    /** Tells which module a transformed class belongs to, and reports what went wrong once per module. */
    private final class Reporter extends NoticeOnce {

        Reporter(Consumer<Notice> notices) {
            super(notices);
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            InstrumentationModule m = moduleOf(type.getName());
            if (m != null && !states.get(m.name()).equals(Presence.ON)) {
                once(m.name() + " loaded", new Notice(Notice.Level.INFO, m.name() + ": " + type.getName()
                        + " loaded after the agent started: its allocations are tracked from now on", null));
            }
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            InstrumentationModule m = moduleOf(typeName);
            String name = m == null ? "instrumentation" : m.name();
            once(name + " failed", Notice.warn(name + ": cannot instrument " + typeName + ": " + error
                    + "; its allocations are not tracked, the application runs on unchanged", null));
        }

        private InstrumentationModule moduleOf(String typeName) {
            for (InstrumentationModule m : modules) {
                if (m.classes().contains(typeName)) {
                    return m;
                }
            }
            return null;
        }
    }
}
