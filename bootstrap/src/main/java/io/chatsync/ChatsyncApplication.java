package io.chatsync;

import io.chatsync.bootstrap.ChatsyncConfiguration;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts a chatsync node. */
@SpringBootApplication(scanBasePackageClasses = ChatsyncConfiguration.class)
public class ChatsyncApplication {

    /**
     * Tomcat sizes three buffers of every WebSocket connection (frames in, frames out, text encoding) from this
     * process-wide property, 8 KB each by default, for as long as the connection lives. Chat frames are a few
     * hundred bytes and longer ones are read and written in parts; at 8 KB, 20,000 idle sockets would keep 1 GiB
     * of heap. 1 KB would save 3 KB a socket more, but a busy staff socket's frames, written a bufferful at a
     * time, then took 40 % more write calls (docs/benchmarks.md, "Idle sockets: what each one keeps"). A value
     * given on the command line wins.
     */
    static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    public static void main(String[] args) {
        if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
            System.setProperty(WEBSOCKET_BUFFER_PROPERTY, "2048");
        }
        SpringApplication.run(ChatsyncApplication.class, withDemoFlag(args));
    }

    /** {@code --demo} is short for {@code --chatsync.demo.enabled=true}. */
    static String[] withDemoFlag(String[] args) {
        return Arrays.stream(args).map(arg -> arg.equals("--demo") ? "--chatsync.demo.enabled=true" : arg)
                .toArray(String[]::new);
    }
}
