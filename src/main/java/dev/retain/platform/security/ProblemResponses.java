package dev.retain.platform.security;

import dev.retain.platform.apikeys.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Writes the API's 401 and 403 answers as RFC 9457 problem+json, like every other API error. */
@Component
class ProblemResponses {

    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"retain\"");
        String detail;
        if (request.getHeader("Authorization") == null) {
            detail = "Send an API key as 'Authorization: Bearer <key>'.";
        } else if (request.getAttribute(ApiKeyAuthenticationFilter.REFUSAL) instanceof ApiKeys.Refusal refusal) {
            detail = refusal.detail();
        } else {
            detail = ApiKeys.Refusal.UNKNOWN.detail();
        }
        write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "The API key's roles do not allow this request.");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
