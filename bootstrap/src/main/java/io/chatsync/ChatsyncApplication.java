package io.chatsync;

import io.chatsync.bootstrap.ChatsyncConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts a chatsync node. */
@SpringBootApplication(scanBasePackageClasses = ChatsyncConfiguration.class)
public class ChatsyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChatsyncApplication.class, args);
    }
}
