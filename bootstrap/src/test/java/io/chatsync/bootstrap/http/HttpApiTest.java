package io.chatsync.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.adapters.postgres.testing.ChatFixtures;
import io.chatsync.adapters.postgres.testing.TestDatabase;
import io.chatsync.bootstrap.testing.ChatsyncNodes;
import io.chatsync.bootstrap.testing.NodeClients;
import io.chatsync.bootstrap.testing.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The HTTP API over real HTTP on a whole node, secured with LMS tokens, against real PostgreSQL. */
@Timeout(120)
class HttpApiTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    static final ChatsyncNodes nodes = new ChatsyncNodes();
    static final HttpClient http = HttpClient.newHttpClient();
    static ChatsyncNodes.Node node;
    static ChatFixtures fixtures;
    static int anna;
    static int bao;

    @BeforeAll
    static void aNode() {
        node = nodes.start("http", database.url());
        fixtures = new ChatFixtures(database.dataSource());
        anna = fixtures.student("Anna Http");
        bao = fixtures.student("Bao Http");
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    record Reply(int status, String body, HttpResponse<String> raw) {

        JSONObject json() {
            return new JSONObject(body);
        }
    }

    static Reply call(String method, String path, String token, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.staffUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }

    static Reply post(int student, String token, JSONObject body) throws Exception {
        return call("POST", "/api/threads/" + student + "/messages", token, body.toString());
    }

    @Test
    void everyEndpointsHappyPath() throws Exception {
        int anna = fixtures.student("Happy Path");
        String annaToken = Tokens.student(anna);
        String teacher = Tokens.staff("t-http");

        Reply question = post(anna, annaToken, new JSONObject().put("message", "Em hỏi"));
        Reply answer = post(anna, teacher, new JSONObject().put("message", "Cô trả lời"));
        assertThat(question.status()).isEqualTo(201);
        assertThat(question.json().keySet()).containsExactlyInAnyOrder("chat_id", "user_id", "sender", "message",
                "read_by_student", "read_by_teacher", "created_at", "users");
        assertThat(answer.json().getString("sender")).isEqualTo("teacher");

        Reply unread = call("GET", "/api/me/unread", annaToken, null);
        assertThat(unread.json().getInt("unread")).isEqualTo(1);

        Reply page = call("GET", "/api/threads/" + anna + "/messages?limit=1", annaToken, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().getJSONArray("messages").getJSONObject(0).getInt("chat_id"))
                .isEqualTo(answer.json().getInt("chat_id"));
        int next = page.json().getInt("next_before");
        Reply older = call("GET", "/api/threads/" + anna + "/messages?limit=1&before=" + next, annaToken, null);
        assertThat(older.json().getJSONArray("messages").getJSONObject(0).getInt("chat_id"))
                .isEqualTo(question.json().getInt("chat_id"));

        Reply read = call("POST", "/api/threads/" + anna + "/read", annaToken, null);
        assertThat(read.json().getJSONArray("marked").toList()).containsExactly(answer.json().getInt("chat_id"));
        assertThat(call("GET", "/api/me/unread", annaToken, null).json().getInt("unread")).isZero();

        Reply list = call("GET", "/api/conversations?limit=50", teacher, null);
        assertThat(list.status()).isEqualTo(200);
        JSONObject annaRow = find(list.json().getJSONArray("conversations"), anna);
        assertThat(annaRow.getJSONObject("student").getString("full_name")).isEqualTo("Happy Path");
        assertThat(annaRow.getJSONObject("last_message").getInt("chat_id")).isEqualTo(answer.json().getInt("chat_id"));
        assertThat(annaRow.getInt("unread_by_staff")).isEqualTo(1);
        call("POST", "/api/threads/" + anna + "/read", teacher, null);
        assertThat(find(call("GET", "/api/conversations", teacher, null).json().getJSONArray("conversations"), anna)
                .getInt("unread_by_staff")).isZero();
    }

    private static JSONObject find(JSONArray conversations, int student) {
        for (int i = 0; i < conversations.length(); i++) {
            if (conversations.getJSONObject(i).getJSONObject("student").getInt("user_id") == student) {
                return conversations.getJSONObject(i);
            }
        }
        throw new AssertionError("no conversation of student " + student + " in " + conversations);
    }

    @Test
    void withoutAValidTokenEveryEndpointAnswers401WithAProblem() throws Exception {
        for (String token : new String[] {null, "not-a-jwt", Tokens.forgedStudent(anna), Tokens.expiredStudent(anna)}) {
            for (String[] endpoint : new String[][] {{"GET", "/api/threads/" + anna + "/messages"},
                    {"POST", "/api/threads/" + anna + "/messages"}, {"POST", "/api/threads/" + anna + "/read"},
                    {"GET", "/api/conversations"}, {"GET", "/api/me/unread"}}) {
                Reply reply = call(endpoint[0], endpoint[1], token, endpoint[0].equals("POST") ? "{}" : null);
                assertThat(reply.status()).as(endpoint[1] + " with " + token).isEqualTo(401);
                assertThat(reply.raw().headers().firstValue("WWW-Authenticate")).isPresent();
                assertThat(reply.json().getInt("status")).isEqualTo(401);
                assertThat(reply.json().getString("detail")).contains("Bearer");
            }
        }
    }

    @Test
    void aStudentGuessingOtherThreadsGets403WhetherTheyExistOrNot() throws Exception {
        String annaToken = Tokens.student(anna);
        long before = fixtures.count("SELECT count(*) FROM chats");
        for (int guess : new int[] {bao, anna + 1, 9_999_999}) {
            if (guess == anna) {
                continue;
            }
            assertThat(call("GET", "/api/threads/" + guess + "/messages", annaToken, null).status()).isEqualTo(403);
            assertThat(post(guess, annaToken, new JSONObject().put("message", "hi")).status()).isEqualTo(403);
            assertThat(call("POST", "/api/threads/" + guess + "/read", annaToken, null).status()).isEqualTo(403);
        }
        // Guessing message ids: a cursor taken from another thread still pages only the caller's own thread.
        int baosMessage = post(bao, Tokens.student(bao), new JSONObject().put("message", "Bao's own")).json()
                .getInt("chat_id");
        JSONArray page = call("GET", "/api/threads/" + anna + "/messages?before=" + (baosMessage + 1), annaToken, null)
                .json().getJSONArray("messages");
        for (int i = 0; i < page.length(); i++) {
            assertThat(page.getJSONObject(i).getInt("user_id")).isEqualTo(anna);
        }
        before = fixtures.count("SELECT count(*) FROM chats");

        Reply list = call("GET", "/api/conversations", annaToken, null);
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.json().getString("detail")).contains("staff");
        assertThat(call("GET", "/api/me/unread", Tokens.staff("t"), null).status()).isEqualTo(403);
        assertThat(fixtures.count("SELECT count(*) FROM chats")).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "blank body                | {\"message\":\"   \"}                 | 400 | message | not_blank",
        "NUL in the body           | {\"message\":\"a\\u0000b\"}           | 400 | message | no_nul",
        "body of the wrong type    | {\"message\":5}                       | 400 | message |",
        "missing body              | {}                                    | 400 | message |",
        "sender of the wrong side  | {\"message\":\"hi\",\"sender\":\"teacher\"} | 403 |     |",
        "unknown sender            | {\"message\":\"hi\",\"sender\":\"admin\"}   | 400 | sender |",
        "not JSON                  | {\"message\":                         | 400 |         |",
        "JSON that is no object    | [1,2]                                 | 400 |         |"})
    void badBodiesAreRefusedAndNothingIsStored(String what, String body, int status, String field, String rule)
            throws Exception {
        long before = fixtures.count("SELECT count(*) FROM chats");

        Reply reply = call("POST", "/api/threads/" + anna + "/messages", Tokens.student(anna), body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(reply.json().getString("detail")).isNotBlank();
        if (field != null) {
            assertThat(reply.json().getString("field")).isEqualTo(field);
        }
        if (rule != null) {
            assertThat(reply.json().getString("rule")).isEqualTo(rule);
        }
        assertThat(fixtures.count("SELECT count(*) FROM chats")).isEqualTo(before);
    }

    @Test
    void oversizeBodiesAndBadParametersAreRefusedByName() throws Exception {
        long before = fixtures.count("SELECT count(*) FROM chats");
        String token = Tokens.student(anna);

        Reply tooLong = post(anna, token, new JSONObject().put("message", "x".repeat(4_001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().getString("rule")).isEqualTo("max_length");

        Reply tooLarge = post(anna, token, new JSONObject().put("message", "x".repeat(100_000)));
        assertThat(tooLarge.status()).isEqualTo(413);

        assertThat(call("GET", "/api/threads/" + anna + "/messages?limit=0", token, null).json().getString("field"))
                .isEqualTo("limit");
        assertThat(call("GET", "/api/threads/" + anna + "/messages?limit=101", token, null).json().getString("field"))
                .isEqualTo("limit");
        assertThat(call("GET", "/api/threads/abc/messages", token, null).json().getString("field"))
                .isEqualTo("studentId");
        assertThat(call("POST", "/api/threads/" + anna + "/messages", token, "{\"message\":\"x\"}",
                "Idempotency-Key", "has spaces").json().getString("field")).isEqualTo("Idempotency-Key");
        assertThat(fixtures.count("SELECT count(*) FROM chats")).isEqualTo(before);
    }

    @Test
    void stringsThatLookLikeSqlOrHtmlAreStoredAndReturnedVerbatim() throws Exception {
        String body = "<script>alert('x')</script>\"; DROP TABLE chats; -- ' OR 1=1";

        Reply stored = post(anna, Tokens.student(anna), new JSONObject().put("message", body));
        Reply page = call("GET", "/api/threads/" + anna + "/messages?limit=1", Tokens.student(anna), null);

        assertThat(stored.json().getString("message")).isEqualTo(body);
        assertThat(page.json().getJSONArray("messages").getJSONObject(0).getString("message")).isEqualTo(body);
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyStoreOneRow() throws Exception {
        int student = fixtures.student("Retry Tester");
        String token = Tokens.student(student);
        ExecutorService retries = Executors.newFixedThreadPool(8);
        List<Future<Reply>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(retries.submit(() -> call("POST", "/api/threads/" + student + "/messages", token,
                    "{\"message\":\"only once\"}", "Idempotency-Key", "retry-0001")));
        }
        Set<Integer> ids = new HashSet<>();
        for (Future<Reply> attempt : attempts) {
            Reply reply = attempt.get(30, TimeUnit.SECONDS);
            assertThat(reply.status()).isEqualTo(201);
            ids.add(reply.json().getInt("chat_id"));
        }
        retries.shutdown();

        assertThat(ids).hasSize(1);
        assertThat(fixtures.count("SELECT count(*) FROM chats WHERE user_id = ?", student)).isEqualTo(1);

        Reply reused = call("POST", "/api/threads/" + student + "/messages", token, "{\"message\":\"another\"}",
                "Idempotency-Key", "retry-0001");
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().getString("field")).isEqualTo("Idempotency-Key");
        assertThat(fixtures.count("SELECT count(*) FROM chats WHERE user_id = ?", student)).isEqualTo(1);
    }

    @Test
    void pagesNeitherSkipNorRepeatRowsWhileMessagesArrive() throws Exception {
        int student = fixtures.student("Paging Tester");
        for (int i = 0; i < 120; i++) {
            fixtures.message(student, i % 2 == 0 ? "student" : "teacher", "m" + i);
        }
        String token = Tokens.staff("t-pages");
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                fixtures.message(student, "student", "arriving while paging");
            }
        });
        writer.start();
        List<Integer> seen = new ArrayList<>();
        Integer top = null;
        try {
            String before = "";
            while (true) {
                JSONObject page = call("GET", "/api/threads/" + student + "/messages?limit=25" + before, token, null)
                        .json();
                JSONArray messages = page.getJSONArray("messages");
                for (int i = 0; i < messages.length(); i++) {
                    seen.add(messages.getJSONObject(i).getInt("chat_id"));
                }
                if (top == null) {
                    top = seen.get(0);
                }
                if (page.isNull("next_before")) {
                    break;
                }
                before = "&before=" + page.getInt("next_before");
            }
        } finally {
            writing.set(false);
            writer.join(10_000);
        }

        assertThat(seen).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(seen).hasSize((int) fixtures.count(
                "SELECT count(*) FROM chats WHERE user_id = ? AND chat_id <= ?", student, top));
    }

    @Test
    void aMessagePostedOverHttpReachesTheRightSocketsThroughTheChangeFeed() throws Exception {
        try (NodeClients clients = new NodeClients()) {
            clients.connectWithToken("staff", node.staffUrl(), Tokens.staff("t-watch"));
            clients.connectWithToken("bao", node.studentUrl(), Tokens.student(bao));
            clients.awaitConnected("staff");
            clients.awaitConnected("bao");

            int chatId = post(anna, Tokens.student(anna), new JSONObject().put("message", "qua HTTP")).json()
                    .getInt("chat_id");

            clients.awaitRecord("staff", record -> "message:new".equals(record.optString("event"))
                    && record.getJSONArray("args").getJSONObject(0).getInt("chat_id") == chatId);
            // A change reaches a socket after every change committed before it began: once Bao's own later message
            // is there, Anna's would be too.
            int baos = post(bao, Tokens.student(bao), new JSONObject().put("message", "Bao's own")).json()
                    .getInt("chat_id");
            clients.awaitRecord("bao", record -> "message:new".equals(record.optString("event"))
                    && record.getJSONArray("args").getJSONObject(0).getInt("chat_id") == baos);
            assertThat(clients.events("bao", "message:new")).allSatisfy(event ->
                    assertThat(event.getJSONArray("args").getJSONObject(0).getInt("user_id")).isEqualTo(bao));
        }
    }

    /**
     * The OpenAPI document is generated from the controllers, so it lists every endpoint the node maps; and what
     * each endpoint answers has the properties its documented schema names, and its refusals documented codes.
     */
    @Test
    void theOpenApiDocumentDescribesWhatEachEndpointDoes() throws Exception {
        JSONObject document = call("GET", "/api/openapi", null, null).json();
        assertThat(call("GET", "/api/openapi.yaml", null, null).body()).startsWith("openapi: 3.1.0");
        JSONObject paths = document.getJSONObject("paths");

        RequestMappingHandlerMapping mappings = node.context().getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        List<String> mapped = new ArrayList<>();
        // chatsync's own endpoints under /api, but the demo's (only on a demo node, and not described).
        mappings.getHandlerMethods().forEach((info, handler) -> info.getPatternValues().stream()
                .filter(pattern -> handler.getBeanType().getPackageName().startsWith("io.chatsync")
                        && pattern.startsWith("/api/") && !pattern.startsWith("/api/demo/"))
                .forEach(pattern -> info.getMethodsCondition().getMethods().forEach(method ->
                        mapped.add(method.name().toLowerCase(Locale.ROOT) + " " + pattern))));
        List<String> documented = new ArrayList<>();
        paths.keySet().forEach(path -> paths.getJSONObject(path).keySet().forEach(method ->
                documented.add(method + " " + path)));
        assertThat(documented).hasSize(6).containsExactlyInAnyOrderElementsOf(mapped);
        assertThat(document.getJSONObject("components").getJSONObject("securitySchemes").toString())
                .contains("bearer");

        int student = fixtures.student("Documented");
        String token = Tokens.student(student);
        String staff = Tokens.staff("t-documented");
        String thread = "/api/threads/" + student;
        matches(document, "post", "/api/threads/{studentId}/messages", "201",
                call("POST", thread + "/messages", token, new JSONObject().put("message", "hỏi").toString()));
        matches(document, "get", "/api/threads/{studentId}/messages", "200", call("GET", thread + "/messages", token, null));
        matches(document, "post", "/api/threads/{studentId}/read", "200", call("POST", thread + "/read", staff, null));
        matches(document, "get", "/api/conversations", "200", call("GET", "/api/conversations", staff, null));
        matches(document, "get", "/api/me/unread", "200", call("GET", "/api/me/unread", token, null));
        matches(document, "get", "/api/changes", "200", call("GET", "/api/changes", token, null));

        // Refusals answer with codes the document gives for them, as problem details.
        matches(document, "post", "/api/threads/{studentId}/messages", "400",
                call("POST", thread + "/messages", token, new JSONObject().put("message", 5).toString()));
        matches(document, "post", "/api/threads/{studentId}/messages", "403",
                call("POST", "/api/threads/" + bao + "/messages", token, new JSONObject().put("message", "x").toString()));
        matches(document, "get", "/api/threads/{studentId}/messages", "400",
                call("GET", thread + "/messages?limit=0", token, null));
        matches(document, "get", "/api/conversations", "403", call("GET", "/api/conversations", token, null));
        matches(document, "get", "/api/me/unread", "401", call("GET", "/api/me/unread", null, null));
        matches(document, "get", "/api/changes", "400", call("GET", "/api/changes?after=forged", token, null));
    }

    /** The reply has the documented status, and every property its documented schema requires or lists. */
    static void matches(JSONObject document, String method, String path, String status, Reply reply) {
        assertThat(reply.status()).as("%s %s: %s", method, path, reply.body()).isEqualTo(Integer.parseInt(status));
        JSONObject responses = document.getJSONObject("paths").getJSONObject(path).getJSONObject(method)
                .getJSONObject("responses");
        assertThat(responses.has(status)).as("%s %s documents %s: %s", method, path, status, responses.keySet())
                .isTrue();
        JSONObject content = responses.getJSONObject(status).getJSONObject("content");
        String type = content.keys().next();
        JSONObject schema = schema(document, content.getJSONObject(type).getJSONObject("schema"));
        JSONObject answer = reply.json();
        if (schema.optBoolean("additionalProperties", false) || schema.has("additionalProperties")) {
            // A message: the legacy fields at least; a site's own columns may follow.
            assertThat(answer.keySet()).as("%s %s", method, path)
                    .containsAll(schema.getJSONObject("properties").keySet());
        } else if (status.startsWith("2")) {
            assertThat(answer.keySet()).as("%s %s", method, path)
                    .containsExactlyInAnyOrderElementsOf(schema.getJSONObject("properties").keySet());
        } else {
            assertThat(schema.getJSONObject("properties").keySet()).as("the problem's documented fields")
                    .containsAll(answer.keySet());
        }
    }

    static JSONObject schema(JSONObject document, JSONObject schema) {
        if (!schema.has("$ref")) {
            return schema;
        }
        String name = schema.getString("$ref").substring("#/components/schemas/".length());
        return document.getJSONObject("components").getJSONObject("schemas").getJSONObject(name);
    }
}
