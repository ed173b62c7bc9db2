package io.chatsync.adapters.socketio.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.domain.message.StudentId;
import org.junit.jupiter.api.Test;

class RoomTest {

    @Test
    void aStudentsRoomIsNamedAsTheLegacyServersNamedIt() {
        assertThat(new Room(StudentId.of(5)).name()).isEqualTo("user:5");
        assertThat(Room.studentOf("user:5")).contains(StudentId.of(5));
    }

    @Test
    void onlyAStudentsRoomNameNamesAStudent() {
        assertThat(Room.studentOf("user:")).isEmpty();
        assertThat(Room.studentOf("user:0")).isEmpty();
        assertThat(Room.studentOf("user:-3")).isEmpty();
        assertThat(Room.studentOf("user:abc")).isEmpty();
        assertThat(Room.studentOf("staff:5")).isEmpty();
        assertThat(Room.studentOf("5")).isEmpty();
    }
}
