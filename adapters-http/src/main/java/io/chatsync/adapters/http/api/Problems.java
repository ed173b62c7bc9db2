package io.chatsync.adapters.http.api;

import io.chatsync.application.limits.RateLimitExceeded;
import io.chatsync.application.conversations.NotStaffException;
import io.chatsync.application.posting.IdempotencyKeyReused;
import io.chatsync.application.posting.UnknownStudentException;
import io.chatsync.domain.message.InvalidMessageBody;
import io.chatsync.domain.thread.ThreadAccessDenied;
import io.chatsync.application.resume.ResumeSessionsUseCase;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refusal of the API as an RFC 9457 problem: a {@code type} per kind, a {@code detail} a client developer
 * can act on, and the {@code field} when one field is at fault. Spring's own refusals (unreadable JSON, wrong
 * method) come through {@link ResponseEntityExceptionHandler} in the same form.
 */
@RestControllerAdvice(basePackageClasses = Problems.class)
public class Problems extends ResponseEntityExceptionHandler {

    static final String TYPES = "https://chatsync.example/problems/";

    @ExceptionHandler(BadRequest.class)
    ProblemDetail badRequest(BadRequest e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage(), e.field());
    }

    @ExceptionHandler(InvalidMessageBody.class)
    ProblemDetail invalidMessage(InvalidMessageBody e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-message", "Invalid message",
                e.getMessage(), "message");
        problem.setProperty("rule", e.rule().name().toLowerCase(Locale.ROOT));
        return problem;
    }

    @ExceptionHandler({ThreadAccessDenied.class, NotStaffException.class, ConversationsController.StudentsOnly.class})
    ProblemDetail forbidden(RuntimeException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage(), null);
    }

    @ExceptionHandler(UnknownStudentException.class)
    ProblemDetail unknownStudent(UnknownStudentException e) {
        return problem(HttpStatus.NOT_FOUND, "unknown-student", "Unknown student", e.getMessage(), "studentId");
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ProblemDetail keyReused(IdempotencyKeyReused e) {
        return problem(HttpStatus.CONFLICT, "idempotency-key-reused", "Idempotency key reused", e.getMessage(),
                "Idempotency-Key");
    }

    /** Over the caller's allowance: 429 with {@code Retry-After} in whole seconds; nothing was done. */
    @ExceptionHandler(RateLimitExceeded.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitExceeded e) {
        ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                e.getMessage(), null);
        problem.setProperty("retryAfterMs", Math.max(1, e.retryAfter().toMillis()));
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER,
                String.valueOf(seconds)).body(problem);
    }

    /** An offset older than the change log keeps: what followed it may be gone; the client reloads. */
    @ExceptionHandler(ResumeSessionsUseCase.OffsetTooOld.class)
    ProblemDetail offsetTooOld(ResumeSessionsUseCase.OffsetTooOld e) {
        return problem(HttpStatus.GONE, "offset-too-old", "Offset too old", e.getMessage(), "after");
    }

    @ExceptionHandler(PayloadTooLarge.class)
    ProblemDetail tooLarge(PayloadTooLarge e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", e.getMessage(), null);
    }

    /** A chunked body over the limit is cut while Jackson reads it; it is still too large, not unreadable. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
            }
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "the body is not valid JSON: " + e.getMostSpecificCause().getMessage(), null));
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
