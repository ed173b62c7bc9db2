package io.chatsync;

import io.chatsync.bootstrap.ChatsyncConfiguration;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/** Starts a chatsync node. */
@SpringBootApplication(scanBasePackageClasses = ChatsyncConfiguration.class)
public class ChatsyncApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ChatsyncApplication.class);
        application.addListeners(new WebSocketBuffers());
        application.run(withDemoFlag(args));
    }

    /** {@code --demo} is short for {@code --chatsync.demo.enabled=true}. */
    static String[] withDemoFlag(String[] args) {
        return Arrays.stream(args).map(arg -> arg.equals("--demo") ? "--chatsync.demo.enabled=true" : arg)
                .toArray(String[]::new);
    }

    /**
     * Sizes the three buffers Tomcat keeps for every WebSocket connection (frames in, frames out, text encoding)
     * for the sockets this node serves, once its settings are read and before Tomcat reads the size. Tomcat takes
     * it from one process-wide property, 8 KB by default, for as long as a connection lives: at 8 KB, 20,000 idle
     * sockets would keep 1 GiB of heap.
     *
     * <ul>
     *   <li>A node that serves staff keeps 2 KB: a busy staff socket's frames are held and written a bufferful at
     *       a time, and at 1 KB they took 34-57 % more write calls (docs/benchmarks.md).
     *   <li>A node that serves only students ({@code chatsync.gateway.serve=students}) keeps 1 KB, 3 KB less on
     *       every socket: a student's socket is sent its own thread's events, a few frames at a time.
     * </ul>
     *
     * A value given on the command line ({@code -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE}) wins.
     */
    static final class WebSocketBuffers implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

        static final String PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
        static final int STAFF_BYTES = 2048;
        static final int STUDENTS_ONLY_BYTES = 1024;

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            if (System.getProperty(PROPERTY) == null) {
                System.setProperty(PROPERTY, String.valueOf(bytesFor(event.getEnvironment())));
            }
        }

        static int bytesFor(Environment environment) {
            String serve = environment.getProperty("chatsync.gateway.serve", "both").trim().toLowerCase(Locale.ROOT);
            return serve.equals("students") ? STUDENTS_ONLY_BYTES : STAFF_BYTES;
        }
    }
}
