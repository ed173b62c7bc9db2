package io.chatsync.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyPolicyTest {

    private final BodyPolicy policy = BodyPolicy.standard();

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "\u2003"})
    void blankBodyBreaksNotBlank(String text) {
        assertThatThrownBy(() -> policy.accept(text))
                .isInstanceOfSatisfying(InvalidMessageBody.class, e -> assertThat(e.rule()).isEqualTo(BodyRule.NOT_BLANK))
                .hasMessageContaining("blank");
    }

    @Test
    void missingBodyBreaksNotBlank() {
        assertThatThrownBy(() -> policy.accept(null))
                .isInstanceOfSatisfying(InvalidMessageBody.class, e -> assertThat(e.rule()).isEqualTo(BodyRule.NOT_BLANK));
    }

    @Test
    void bodyWithNulBreaksNoNul() {
        assertThatThrownBy(() -> policy.accept("hello\0world"))
                .isInstanceOfSatisfying(InvalidMessageBody.class, e -> assertThat(e.rule()).isEqualTo(BodyRule.NO_NUL))
                .hasMessageContaining("NUL");
    }

    @Test
    void defaultLimitIsFourThousandCharacters() {
        assertThat(policy.accept("x".repeat(4_000)).length()).isEqualTo(4_000);
        assertThatThrownBy(() -> policy.accept("x".repeat(4_001)))
                .isInstanceOfSatisfying(InvalidMessageBody.class, e -> assertThat(e.rule()).isEqualTo(BodyRule.MAX_LENGTH))
                .hasMessageContaining("4000");
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        BodyPolicy small = new BodyPolicy(3);

        assertThat(small.accept(emoji.repeat(3)).text()).isEqualTo(emoji.repeat(3));
        assertThatThrownBy(() -> small.accept(emoji.repeat(4)))
                .isInstanceOfSatisfying(InvalidMessageBody.class, e -> assertThat(e.rule()).isEqualTo(BodyRule.MAX_LENGTH));
    }

    @Test
    void limitIsConfigurable() {
        BodyPolicy small = new BodyPolicy(5);

        assertThat(small.accept("12345").text()).isEqualTo("12345");
        assertThatThrownBy(() -> small.accept("123456")).isInstanceOf(InvalidMessageBody.class);
        assertThatThrownBy(() -> new BodyPolicy(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textIsKeptVerbatim() {
        String text = "  <b>'; DROP TABLE chats; --</b>  ";

        assertThat(policy.accept(text).text()).isEqualTo(text);
    }
}
