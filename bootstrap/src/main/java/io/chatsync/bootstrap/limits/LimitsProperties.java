package io.chatsync.bootstrap.limits;

import io.chatsync.application.limits.LimitedAction;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Each user's allowance per node, under {@code chatsync.limits.*}: a burst, refilled at a steady rate.
 *
 * @param post posting messages (20 at once, 120 a minute)
 * @param markRead marking threads read (60 at once, 600 a minute)
 * @param join a staff socket joining or leaving students' rooms (1,000 at once, so a dashboard can watch every
 *     thread it lists; 1,200 a minute)
 */
@ConfigurationProperties("chatsync.limits")
public record LimitsProperties(Allowance post, Allowance markRead, Allowance join) {

    public LimitsProperties {
        post = Allowance.or(post, 20, 120, "post");
        markRead = Allowance.or(markRead, 60, 600, "mark-read");
        join = Allowance.or(join, 1_000, 1_200, "join");
    }

    /**
     * @param burst how many a user may do at once, from rest
     * @param perMinute how fast the allowance comes back
     */
    public record Allowance(Integer burst, Integer perMinute) {

        /** The allowance as configured, the action's defaults for what is not, checked. */
        static Allowance or(Allowance configured, int burst, int perMinute, String action) {
            Allowance allowance = configured == null ? new Allowance(burst, perMinute)
                    : new Allowance(configured.burst() == null ? burst : configured.burst(),
                            configured.perMinute() == null ? perMinute : configured.perMinute());
            if (allowance.burst() < 1) {
                throw new IllegalArgumentException("chatsync.limits." + action + ".burst must be at least 1, got "
                        + allowance.burst());
            }
            if (allowance.perMinute() < 1) {
                throw new IllegalArgumentException("chatsync.limits." + action + ".per-minute must be at least 1, got "
                        + allowance.perMinute());
            }
            return allowance;
        }
    }

    Map<LimitedAction, Allowance> byAction() {
        Map<LimitedAction, Allowance> byAction = new EnumMap<>(LimitedAction.class);
        byAction.put(LimitedAction.POST, post);
        byAction.put(LimitedAction.MARK_READ, markRead);
        byAction.put(LimitedAction.JOIN, join);
        return byAction;
    }
}
