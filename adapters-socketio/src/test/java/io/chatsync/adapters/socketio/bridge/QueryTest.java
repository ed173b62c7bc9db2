package io.chatsync.adapters.socketio.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTest {

    @Test
    void readsTheFirstValueOfEachNameDecodedAndSkipsMalformedPairs() {
        Map<String, String> query = Query.parse("EIO=4&transport=websocket&t=a%20b&t=second&bad=%zz&flag");

        assertThat(query).containsOnly(Map.entry("EIO", "4"), Map.entry("transport", "websocket"),
                Map.entry("t", "a b"), Map.entry("flag", ""));
        assertThat(Query.parse(null)).isEmpty();
    }

    @Test
    void connectionsShareOneCopyOfTheNamesAndValuesEveryHandshakeCarries() {
        Map<String, String> one = Query.parse(new String("EIO=4&transport=websocket"));
        Map<String, String> other = Query.parse(new String("EIO=4&transport=websocket"));

        Map.Entry<String, String> transport = one.entrySet().stream()
                .filter(entry -> entry.getKey().equals("transport")).findFirst().orElseThrow();
        Map.Entry<String, String> sameInOther = other.entrySet().stream()
                .filter(entry -> entry.getKey().equals("transport")).findFirst().orElseThrow();
        assertThat(transport.getKey()).isSameAs(sameInOther.getKey());
        assertThat(transport.getValue()).isSameAs(sameInOther.getValue()).isEqualTo("websocket");
        assertThat(one.get("EIO")).isSameAs(other.get("EIO"));
    }
}
