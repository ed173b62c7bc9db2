package io.chatsync.adapters.socketio.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Address ranges written as CIDR blocks ({@code 10.0.0.0/8}, {@code ::1/128}) or single addresses. */
public final class Networks {

    public static final Networks NONE = new Networks(List.of());

    private final List<Block> blocks;

    private Networks(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * @throws IllegalArgumentException for an entry that is not an IP address (host names are not looked up) or
     *     whose prefix does not fit it
     */
    public static Networks of(List<String> cidrs) {
        return new Networks(cidrs.stream().map(Block::parse).toList());
    }

    public boolean contains(InetAddress address) {
        return blocks.stream().anyMatch(block -> block.contains(address));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    @Override
    public String toString() {
        return blocks.toString();
    }

    private record Block(byte[] network, int prefix, String text) {

        static Block parse(String cidr) {
            String trimmed = cidr.trim();
            int slash = trimmed.indexOf('/');
            String host = slash < 0 ? trimmed : trimmed.substring(0, slash);
            byte[] address = literal(host, cidr);
            int prefix;
            try {
                prefix = slash < 0 ? address.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "' has no numeric prefix length");
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-" + address.length * 8);
            }
            return new Block(address, prefix, trimmed);
        }

        private static byte[] literal(String host, String cidr) {
            boolean numeric = !host.isEmpty() && (host.indexOf(':') >= 0 || host.chars()
                    .allMatch(c -> c == '.' || Character.isDigit(c)));
            if (!numeric) {
                throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block");
            }
            try {
                return InetAddress.getByName(host).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block");
            }
        }

        boolean contains(InetAddress candidate) {
            byte[] bytes = candidate.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (bytes[whole] & mask) == (network[whole] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
