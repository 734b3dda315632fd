package dev.leakscope.agent.instrument;

import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One library's instrumentation (CONVENTIONS.md: one module per library, a few small files). Its
 * advice classes are static nested classes referenced by name, whose bodies are one call into the
 * bootstrap bridge, {@code Recorder}.
 */
interface InstrumentationModule {

    /** The name users give in {@code modules=}, e.g. {@code onnxruntime}. */
    String name();

    /** The classes it instruments, by name: a class named here being transformed means the module is at work. */
    List<String> classes();

    /** Adds its types and advice to {@code builder}; {@code advice} locates advice classes by name. */
    AgentBuilder instrument(AgentBuilder builder, Advices advice);
}
