package io.chatsync.adapters.http.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console, a page in the browser that signs in with a token (or as a demo user) and chats through the public
 * HTTP API and Socket.IO events, with the official browser client this node serves. The page and its script are
 * static resources under {@code static/console}; the client is added by the build from npm's package.
 */
@Controller
public class ConsolePage {

    /** A node's address opens the console. */
    @GetMapping("/")
    public String root() {
        return "redirect:/console/";
    }

    @GetMapping({"/console", "/console/"})
    public String page() {
        return "forward:/console/index.html";
    }
}
