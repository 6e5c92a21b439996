package dev.retain.platform.web;

import dev.retain.platform.ConflictException;
import dev.retain.platform.ForbiddenException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error is RFC 9457 problem+json that says what was wrong; invalid fields are listed one by one in
 * {@code errors: [{field, message}]}.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** One invalid field and why. */
    record FieldProblem(String field, String message) {}

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final int uploadMaxMegabytes;

    ApiExceptionHandler(@Value("${retain.upload.max-mb}") int uploadMaxMegabytes) {
        this.uploadMaxMegabytes = uploadMaxMegabytes;
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return invalid(e.fieldErrors().entrySet().stream()
                .map(error -> new FieldProblem(error.getKey(), error.getValue()))
                .toList());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    /**
     * Text the database could not take: a NUL character or an unpaired surrogate that reached a statement by a path the
     * checks at the edge do not see (a file, a JSON document stored whole), or a value too long for an index: a 400,
     * since the request must change. The statement failed, and its transaction with it. Any other database error stays a
     * server error.
     */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> unstorable(DataAccessException e) {
        String state = sqlState(e);
        String detail = switch (state == null ? "" : state) {
            case "22021", "22P05" ->
                "A text in the request holds a character that cannot be stored (a NUL character or"
                        + " an unpaired surrogate); remove it and send the request again.";
            case "54000" -> "A value in the request is too long to be stored; shorten it and send the request again.";
            default -> null;
        };
        if (detail == null) {
            log.error("Database error answering an API request", e);
            return ResponseEntity.internalServerError()
                    .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request failed."));
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Cannot be stored", detail));
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(ApiExceptionHandler::fieldProblem)
                .toList();
        return ResponseEntity.badRequest().body(invalid(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String cause = e.getMostSpecificCause().getMessage();
        String detail = "The request body is not valid JSON for this endpoint"
                + (cause == null ? "." : ": " + cause.lines().findFirst().orElse(""));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Malformed request", detail));
    }

    /** An upload without a declared size that turned out larger than the limit; see {@link UploadSizeLimit}. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(UploadSizeLimit.problem(uploadMaxMegabytes));
    }

    private static FieldProblem fieldProblem(FieldError error) {
        return new FieldProblem(error.getField(), error.getDefaultMessage());
    }

    private static ProblemDetail invalid(List<FieldProblem> problems) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "Invalid input",
                problems.size() == 1 ? "1 field is invalid." : problems.size() + " fields are invalid.");
        problem.setProperties(Map.of("errors", problems));
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
