package io.chatsync.adapters.socketio.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class SharedOffsetTest {

    @Test
    void eachSideIsStampedOnceAndTheOffsetSealedOnce() {
        AtomicInteger seals = new AtomicInteger();
        SharedOffset offset = new SharedOffset(() -> "o" + seals.incrementAndGet());
        OutboundEvent toStaff = OutboundEvent.of("message:new", new JSONObject().put("chat_id", 7));
        OutboundEvent toStudents = OutboundEvent.of("message:new", new JSONObject().put("chat_id", 7).put("x", 1));

        OutboundEvent staff = offset.stamp(toStaff);
        OutboundEvent students = offset.stamp(toStudents);

        assertThat(staff.packet()).isEqualTo("2[\"message:new\",{\"chat_id\":7},\"o1\"]");
        assertThat(students.packet()).endsWith(",\"o1\"]").isNotEqualTo(staff.packet());
        for (int socket = 0; socket < 5; socket++) {
            assertThat(offset.stamp(toStaff)).isSameAs(staff);
            assertThat(offset.stamp(toStudents)).isSameAs(students);
        }
        assertThat(offset.get()).isEqualTo("o1");
        assertThat(seals).hasValue(1);
    }

    @Test
    void aThirdEventIsStampedAllTheSame() {
        SharedOffset offset = new SharedOffset(() -> "o");
        OutboundEvent one = OutboundEvent.of("a", null);
        OutboundEvent two = OutboundEvent.of("b", null);
        OutboundEvent three = OutboundEvent.of("c", null);

        offset.stamp(one);
        offset.stamp(two);

        assertThat(offset.stamp(three).packet()).isEqualTo("2[\"c\",\"o\"]");
    }
}
