package dev.retain.platform.web;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.StorableText;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/**
 * Every text of a request body — fields of records, keys and values of maps, elements of lists, JSON trees — is
 * {@link StorableText storable}, or the request is refused with 400 naming each field that is not.
 */
@ControllerAdvice
class StorableTextBodies extends RequestBodyAdviceAdapter {

    /** Deeper than any body Retain takes; guards against a self-referencing object. */
    private static final int MAX_DEPTH = 64;

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        Map<String, String> problems = new LinkedHashMap<>();
        check(body, "", problems, 0);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return body;
    }

    private static void check(Object value, String path, Map<String, String> problems, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof CharSequence text) {
            StorableText.problemWith(text).ifPresent(problem -> problems.putIfAbsent(name(path), problem));
        } else if (value instanceof JsonNode node) {
            checkJson(node, path, problems, depth);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> {
                String keyPath = join(path, String.valueOf(key));
                check(key, keyPath, problems, depth + 1);
                check(element, keyPath, problems, depth + 1);
            });
        } else if (value instanceof Collection<?> elements) {
            int i = 0;
            for (Object element : elements) {
                check(element, path + "[" + i++ + "]", problems, depth + 1);
            }
        } else if (value.getClass().isArray()
                && !value.getClass().getComponentType().isPrimitive()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                check(Array.get(value, i), path + "[" + i + "]", problems, depth + 1);
            }
        } else if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                check(read(component, value), join(path, component.getName()), problems, depth + 1);
            }
        }
    }

    private static void checkJson(JsonNode node, String path, Map<String, String> problems, int depth) {
        if (node.isString()) {
            check(node.asString(), path, problems, depth);
        } else if (node.isObject()) {
            node.properties().forEach(entry -> {
                String keyPath = join(path, entry.getKey());
                check(entry.getKey(), keyPath, problems, depth + 1);
                checkJson(entry.getValue(), keyPath, problems, depth + 1);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkJson(node.get(i), path + "[" + i + "]", problems, depth + 1);
            }
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String name(String path) {
        return path.isEmpty() ? "body" : path;
    }
}
