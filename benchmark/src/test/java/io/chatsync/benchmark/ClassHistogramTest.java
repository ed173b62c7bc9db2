package io.chatsync.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClassHistogramTest {

    private static final String BEFORE = """
            4242:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1000         160000  [B (java.base@25)
               2:           500          12000  java.lang.String (java.base@25)
               3:            10            640  org.apache.tomcat.util.net.NioEndpoint$NioSocketWrapper
            Total          1510         172640
            """;

    private static final String AFTER = """
            4242:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          3000         900000  [B (java.base@25)
               2:           600          14400  java.lang.String (java.base@25)
               3:          2010         128640  org.apache.tomcat.util.net.NioEndpoint$NioSocketWrapper
               4:             7            168  java.lang.Object (java.base@25)
            Total          5617        1043208
            """;

    @Test
    void readsTheTotalOfLiveBytes() {
        assertThat(ClassHistogram.parse(AFTER).totalBytes()).isEqualTo(1_043_208L);
    }

    @Test
    void ranksClassesByWhatTheyGrew() {
        var growth = ClassHistogram.parse(AFTER).grownMostSince(ClassHistogram.parse(BEFORE), 3);

        assertThat(growth).containsExactly(
                new ClassHistogram.Growth("[B", 2000, 740_000),
                new ClassHistogram.Growth("org.apache.tomcat.util.net.NioEndpoint$NioSocketWrapper", 2000, 128_000),
                new ClassHistogram.Growth("java.lang.String", 100, 2_400));
    }

    @Test
    void refusesOutputWithoutATotal() {
        assertThatThrownBy(() -> ClassHistogram.parse("4242:\nCould not attach\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
