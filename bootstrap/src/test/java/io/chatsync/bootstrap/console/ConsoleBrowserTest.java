package io.chatsync.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.bootstrap.testing.ChatsyncNodes;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium, through its chromedriver; scripts/install-browser installs
 * both): a student on node A and the teacher on node B chat live, and each sees the other's read marks change.
 * Screenshots of both pages are kept in {@code target/console-screenshots}.
 */
@Timeout(180)
class ConsoleBrowserTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    static final ChatsyncNodes nodes = new ChatsyncNodes();
    static ChatsyncNodes.Node nodeA;
    static ChatsyncNodes.Node nodeB;

    @BeforeAll
    static void twoDemoNodes() {
        nodeA = nodes.start("console-a", database.url(), "--chatsync.demo.enabled=true");
        nodeB = nodes.start("console-b", database.url(), "--chatsync.demo.enabled=true");
    }

    @AfterAll
    static void stopNodes() {
        nodes.close();
    }

    static ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        // Headless; no sandbox, as CI runs the tests as root.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    static JSONObject firstDemoStudent() throws Exception {
        return demoStudent(0);
    }

    /** The demo's students in the order the demo lists them; {@code index} 0 is the first. */
    static JSONObject demoStudent(int index) throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(nodeA.staffUrl() + "/api/demo/users")).build(),
                HttpResponse.BodyHandlers.ofString());
        JSONArray users = new JSONObject(reply.body()).getJSONArray("users");
        int seen = 0;
        for (int i = 0; i < users.length(); i++) {
            if (users.getJSONObject(i).getString("role").equals("student") && seen++ == index) {
                return users.getJSONObject(i);
            }
        }
        throw new AssertionError("the demo has no student number " + (index + 1) + ": " + reply.body());
    }

    /** A wait that, when it runs out, says what the page said: its status and errors. */
    static WebDriverWait within(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, DEADLINE, Duration.ofMillis(50));
        // The conversation list is drawn again on every users:updated: an element found may be gone a moment later.
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(() -> "the page at " + browser.getCurrentUrl() + " says: status '" + text(browser, "status")
                + "', sign-in error '" + text(browser, "sign-in-error") + "', chat error '"
                + text(browser, "chat-error") + "'");
        return wait;
    }

    static String text(WebDriver browser, String id) {
        return browser.findElements(By.id(id)).stream().map(WebElement::getText).findFirst().orElse("(none)");
    }

    static void signInAs(WebDriver browser, String consoleUrl, String userId) {
        browser.get(consoleUrl + "/console/");
        within(browser).until(page -> page.findElement(By.id("sign-in-as-" + userId))).click();
        within(browser).until(page -> page.findElement(By.id("status")).getText().startsWith("connected"));
    }

    static void send(WebDriver browser, String text) {
        browser.findElement(By.id("message")).sendKeys(text);
        browser.findElement(By.id("send")).click();
    }

    /**
     * Opens a conversation in the staff list. The list is drawn again on every users:updated, so the click is
     * tried again on the new element when the one found is gone before the click lands.
     */
    static void open(WebDriver browser, By conversation) {
        within(browser).until(page -> {
            page.findElement(conversation).click();
            return true;
        });
    }

    /** The message with this text in the open thread, once it is shown. */
    static WebElement message(WebDriver browser, String text) {
        return within(browser).until(page -> page.findElements(By.cssSelector("#messages .message")).stream()
                .filter(item -> item.findElement(By.className("text")).getText().equals(text))
                .findFirst().orElse(null));
    }

    static void screenshot(ChromeDriver browser, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name);
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(file)).as(name).isPositive();
    }

    @Test
    void aStudentOnNodeAAndTheTeacherOnNodeBChatLiveAndSeeEachOthersReadMarks() throws Exception {
        JSONObject student = firstDemoStudent();
        String studentId = student.getString("id");
        ChromeDriver studentPage = browser();
        ChromeDriver staffPage = browser();
        try {
            signInAs(studentPage, nodeA.studentUrl(), studentId);
            signInAs(staffPage, nodeB.staffUrl(), "demo-teacher");
            By conversation = By.cssSelector(".conversation[data-student='" + studentId + "']");
            within(staffPage).until(page -> page.findElement(conversation));

            // The student asks on node A; the teacher's list on node B shows it, unread, within the deadline.
            String question = "Could you check my essay before Friday?";
            send(studentPage, question);
            WebElement asked = message(studentPage, question);
            assertThat(asked.getAttribute("data-read")).isEqualTo("false");
            within(staffPage).until(page -> page.findElement(conversation).findElement(By.className("last"))
                    .getText().equals(question));
            within(staffPage).until(page -> Integer.parseInt(page.findElement(conversation)
                    .findElement(By.className("unread")).getAttribute("data-count")) >= 1);
            screenshot(staffPage, "staff-sees-the-question.png");

            // The teacher opens the thread, which marks it read: the student sees their message marked read.
            open(staffPage, conversation);
            message(staffPage, question);
            within(studentPage).until(page -> "true".equals(message(page, question).getAttribute("data-read")));
            within(staffPage).until(page -> page.findElement(conversation).findElement(By.className("unread"))
                    .getAttribute("data-count").equals("0"));

            // The reply comes back to node A; the student has the thread open, so it is read, and node B shows so.
            String reply = "Yes, send it to me by Thursday evening.";
            send(staffPage, reply);
            message(studentPage, reply);
            within(staffPage).until(page -> "true".equals(message(page, reply).getAttribute("data-read")));
            assertThat(message(staffPage, reply).findElement(By.className("meta")).getText()).endsWith("read");

            screenshot(studentPage, "student-thread.png");
            screenshot(staffPage, "staff-thread.png");
        } finally {
            studentPage.quit();
            staffPage.quit();
        }
    }

    /**
     * The sender's own copy of a reply can reach its page after the other side has read it: the reply to the
     * send is held here until the read mark is shown, then let through. The page keeps showing it read.
     */
    @Test
    void aReadMarkThatArrivesBeforeTheReplyToTheSendIsKept() throws Exception {
        String studentId = demoStudent(1).getString("id");
        ChromeDriver studentPage = browser();
        ChromeDriver staffPage = browser();
        try {
            signInAs(studentPage, nodeA.studentUrl(), studentId);
            signInAs(staffPage, nodeB.staffUrl(), "demo-teacher");
            send(studentPage, "Is the exam on Monday?");
            By conversation = By.cssSelector(".conversation[data-student='" + studentId + "']");
            open(staffPage, conversation);
            message(staffPage, "Is the exam on Monday?");

            // Every reply to a send on the staff page waits until the test lets it through.
            staffPage.executeScript("""
                    window.heldReplies = [];
                    const fetchNow = window.fetch;
                    window.fetch = (path, init) => {
                      const reply = fetchNow(path, init);
                      if (!(init && init.method === 'POST' && String(path).endsWith('/messages'))) {
                        return reply;
                      }
                      return reply.then((response) => new Promise((release) => {
                        window.heldReplies.push(() => release(response));
                      }));
                    };
                    """);
            String reply = "Yes, at nine.";
            send(staffPage, reply);
            within(staffPage).until(page -> ((Number) staffPage.executeScript(
                    "return window.heldReplies.length;")).intValue() == 1);
            message(studentPage, reply);
            within(staffPage).until(page -> "true".equals(message(page, reply).getAttribute("data-read")));

            staffPage.executeScript("window.heldReplies.forEach((release) => release());");
            // The page empties the box and shows its own copy in the same task, once the reply is through.
            within(staffPage).until(page -> page.findElement(By.id("message")).getAttribute("value").isEmpty());
            assertThat(message(staffPage, reply).getAttribute("data-read")).isEqualTo("true");
            assertThat(message(staffPage, reply).findElement(By.className("meta")).getText()).endsWith("read");
        } finally {
            studentPage.quit();
            staffPage.quit();
        }
    }
}
