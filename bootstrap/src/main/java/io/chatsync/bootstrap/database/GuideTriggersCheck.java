package io.chatsync.bootstrap.database;

import io.chatsync.adapters.postgres.lms.GuideTrigger;
import io.chatsync.adapters.postgres.lms.GuideTriggers;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;

/**
 * Says plainly, once at start in the log and always in readiness ({@code guideTriggers}), which of the legacy
 * guide's own triggers are still on {@code chats} and what to run. It never changes them: that is the operator's
 * step (docs/operations.md, "The guide's own triggers"). They do not make the node unready: it delivers every
 * change either way; it is the legacy listeners that get each change twice.
 */
final class GuideTriggersCheck implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(GuideTriggersCheck.class);

    private final GuideTriggers triggers;

    GuideTriggersCheck(GuideTriggers triggers) {
        this.triggers = triggers;
    }

    @EventListener(ApplicationReadyEvent.class)
    void sayOnceAtStart() {
        List<GuideTrigger> enabled = triggers.find().stream().filter(GuideTrigger::enabled).toList();
        if (!enabled.isEmpty()) {
            log.warn("chats has {} trigger(s) of the legacy guide that notify chat_messages or chat_messages_read "
                            + "beside chatsync's: {}; every legacy listener gets each change twice. Turn them off "
                            + "with {} (undo: {}); docs/operations.md, \"The guide's own triggers\"",
                    enabled.size(), describe(enabled), GuideTriggers.REMEDY, GuideTriggers.UNDO);
        }
    }

    @Override
    public Health health() {
        List<GuideTrigger> found = triggers.find();
        List<GuideTrigger> enabled = found.stream().filter(GuideTrigger::enabled).toList();
        Health.Builder health = Health.up()
                .withDetail("enabled", enabled.stream().map(GuideTrigger::trigger).toList())
                .withDetail("disabled", found.stream().filter(trigger -> !trigger.enabled())
                        .map(GuideTrigger::trigger).toList());
        if (!enabled.isEmpty()) {
            health.withDetail("effect", "every legacy listener gets each change twice")
                    .withDetail("run", Map.of("turnOff", GuideTriggers.REMEDY, "undo", GuideTriggers.UNDO));
        }
        return health.build();
    }

    /** Names as the database has them, with anything unprintable escaped. */
    private static String describe(List<GuideTrigger> triggers) {
        return triggers.stream()
                .map(trigger -> printable(trigger.trigger()) + " (function " + printable(trigger.function()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String printable(String name) {
        StringBuilder shown = new StringBuilder();
        name.codePoints().forEach(c -> shown.append(Character.isISOControl(c)
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return shown.toString();
    }
}
