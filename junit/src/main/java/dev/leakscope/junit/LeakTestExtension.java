package dev.leakscope.junit;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a {@link LeakTest}: the body is run, warm-ups first, from here, and JUnit's own invocation
 * is skipped, so that {@code @BeforeEach} and {@code @AfterEach} run once around all the runs.
 * Registered by the annotation; not meant to be registered by hand.
 */
public final class LeakTestExtension implements InvocationInterceptor {

    private static final String REPORT_KEY = "leakscope";

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        Method method = call.getExecutable();
        LeakTestPlan plan = LeakTestPlan.of(AnnotationSupport.findAnnotation(method, LeakTest.class)
                .orElseThrow(() -> new IllegalStateException(method + " has no @LeakTest")));
        ExplicitGc.require();
        ProbeSet probes = ProbeSet.open(plan);
        reportUnavailable(probes, context);
        if (probes.probes().isEmpty()) {
            invocation.proceed(); // nothing to measure: the test is an ordinary one
            return;
        }
        Object target = call.getTarget().orElse(null);
        Object[] arguments = call.getArguments().toArray();
        List<Growth> growths = LeakRun.run(plan, probes.probes(),
                () -> ReflectionSupport.invokeMethod(method, target, arguments)).growths(plan.bounds());
        growths.forEach(g -> context.publishReportEntry(REPORT_KEY, g.signal().id() + " "
                + Math.round(g.perIteration()) + " bytes per iteration"));
        if (growths.stream().anyMatch(Growth::exceeds)) {
            String name = context.getRequiredTestClass().getSimpleName() + "." + method.getName() + "()";
            throw new AssertionFailedError(LeakMessage.of(name, plan, growths, probes.unavailable(), sitesSection(probes)));
        }
        invocation.skip();
    }

    /** A signal that cannot be measured does not fail the test: said once on stderr, and in each test's report. */
    private static void reportUnavailable(ProbeSet probes, ExtensionContext context) {
        probes.unavailable().forEach((signal, why) -> {
            OnceNotices.say("@LeakTest measures without " + signal.id() + ": " + why);
            context.publishReportEntry(REPORT_KEY, signal.id() + " not measured: " + why);
        });
    }

    /**
     * The top sites, read from the summary of the agent stopped for it; {@code null} when sites were
     * not measured (the lines above say why).
     */
    private static String sitesSection(ProbeSet probes) {
        AgentSession.Running agent = probes.agent();
        if (agent == null) {
            return null;
        }
        if (!agent.ours()) {
            return "top allocation sites: the agent this JVM was started with runs on; the summary it writes to "
                    + agent.out() + " when it stops lists them";
        }
        String heading = "top allocation sites (live when the agent stopped):\n";
        try {
            return heading + LeakMessage.sites(SummarySites.read(AgentSession.stop()));
        } catch (Unavailable | IOException | RuntimeException e) {
            return heading + "  not available: " + e.getMessage();
        }
    }
}
