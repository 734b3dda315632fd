package dev.leakscope.agent.instrument;

import dev.leakscope.core.sample.Notice;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * A ByteBuddy listener that tells what happened to the observation's notices, each thing once:
 * a class transformed again and again (every class loader that loads it) must not flood the stream.
 */
abstract class NoticeOnce extends AgentBuilder.Listener.Adapter {

    private final Consumer<Notice> notices;
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    NoticeOnce(Consumer<Notice> notices) {
        this.notices = notices;
    }

    /** Tells {@code notice} unless something under {@code key} was told already. */
    final void once(String key, Notice notice) {
        if (told.add(key)) {
            notices.accept(notice);
        }
    }
}
