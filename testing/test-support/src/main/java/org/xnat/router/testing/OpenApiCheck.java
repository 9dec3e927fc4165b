package org.xnat.router.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.BeanParam;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks an {@code OpenApiFragment}'s JSON against the JAX-RS resource classes it documents, by reflection:
 * <ul>
 * <li>every resource method ({@code @Path} of class + method, an HTTP method annotation) is documented;</li>
 * <li>every documented operation exists (path templates compared with each {@code {param}} normalised, so
 * {@code {id: \d+}} in code matches {@code {id}} in the document);</li>
 * <li>documented {@code path}/{@code query} parameters exist on the method ({@code @PathParam},
 * {@code @QueryParam}, also on fields and {@code @BeanParam} classes), every path template parameter is
 * documented, and every operation documents at least one response.</li>
 * </ul>
 * Paths in the fragment are relative to the application ({@code /api}), as in the fragment contract.
 * Each bundle's unit test calls {@link #assertDocuments} for its own fragment.
 */
public final class OpenApiCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private OpenApiCheck() {
    }

    /** Fails with every problem listed when the fragment and the resources disagree. */
    public static void assertDocuments(String fragmentJson, Class<?>... resources) {
        List<String> problems = problems(fragmentJson, resources);
        if (!problems.isEmpty()) {
            throw new AssertionError("OpenAPI fragment and resources disagree:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** A class path resource as UTF-8 text (e.g. the fragment file a bundle ships). */
    public static String resource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("no resource " + name + " beside " + anchor.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every disagreement, empty when none. */
    public static List<String> problems(String fragmentJson, Class<?>... resources) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(fragmentJson);
        } catch (IOException e) {
            return List.of("the fragment is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return List.of("the fragment is not a JSON object");
        }
        JsonNode paths = root.path("paths");
        if (!paths.isObject()) {
            return List.of("the fragment has no \"paths\" object");
        }
        Map<String, Documented> documented = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/")) {
                problems.add("path \"" + path.getKey() + "\" does not start with '/'");
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (OPERATIONS.contains(op.getKey())) {
                    String key = op.getKey().toUpperCase(Locale.ROOT) + " " + shape(path.getKey());
                    documented.put(key, new Documented(path.getKey(), path.getValue(), op.getValue()));
                }
            }
        }
        Map<String, Implemented> implemented = new LinkedHashMap<>();
        for (Class<?> resource : resources) {
            for (Method m : resource.getMethods()) {
                String httpMethod = httpMethod(m);
                if (httpMethod == null) {
                    continue;
                }
                String path = join(resource.getAnnotation(Path.class), m.getAnnotation(Path.class));
                String key = httpMethod + " " + shape(path);
                Implemented previous = implemented.put(key, new Implemented(path, resource, m));
                if (previous != null) {
                    problems.add(key + " is implemented twice: " + previous.where() + " and " + resource.getSimpleName()
                            + "." + m.getName());
                }
            }
        }
        for (Map.Entry<String, Implemented> e : implemented.entrySet()) {
            Documented doc = documented.get(e.getKey());
            if (doc == null) {
                problems.add(e.getValue().httpMethodAndPath(e.getKey()) + " (" + e.getValue().where()
                        + ") is not documented");
                continue;
            }
            checkOperation(root, e.getKey(), doc, e.getValue(), problems);
        }
        for (Map.Entry<String, Documented> e : documented.entrySet()) {
            if (!implemented.containsKey(e.getKey())) {
                problems.add("documented " + e.getKey().split(" ")[0] + " " + e.getValue().path()
                        + " does not exist in " + names(resources));
            }
        }
        return problems;
    }

    private static void checkOperation(JsonNode root, String key, Documented doc, Implemented impl,
            List<String> problems) {
        String where = key.split(" ")[0] + " " + doc.path();
        JsonNode responses = doc.operation().path("responses");
        if (!responses.isObject() || responses.size() == 0) {
            problems.add(where + " documents no responses");
        }
        Set<String> pathParams = new LinkedHashSet<>();
        Set<String> queryParams = new LinkedHashSet<>();
        collectParameters(root, impl.resource(), impl.method(), pathParams, queryParams);
        Set<String> documentedPath = new LinkedHashSet<>();
        List<JsonNode> params = new ArrayList<>();
        doc.pathItem().path("parameters").forEach(params::add);
        doc.operation().path("parameters").forEach(params::add);
        for (JsonNode p : params) {
            JsonNode param = resolve(root, p);
            if (param == null) {
                problems.add(where + ": parameter " + p + " cannot be resolved within the fragment");
                continue;
            }
            String name = param.path("name").asText("");
            String in = param.path("in").asText("");
            if ("path".equals(in)) {
                documentedPath.add(name);
                if (!pathParams.contains(name)) {
                    problems.add(where + ": documented path parameter '" + name + "' is not a @PathParam of "
                            + impl.where());
                }
                if (!templateNames(doc.path()).contains(name)) {
                    problems.add(where + ": documented path parameter '" + name + "' is not in the path template");
                }
            } else if ("query".equals(in) && !queryParams.contains(name)) {
                problems.add(where + ": documented query parameter '" + name + "' is not a @QueryParam of "
                        + impl.where());
            }
        }
        for (String name : templateNames(impl.path())) {
            if (!documentedPath.contains(name)) {
                problems.add(where + ": path parameter '" + name + "' is not documented (\"in\": \"path\")");
            }
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode param) {
        JsonNode ref = param.get("$ref");
        if (ref == null) {
            return param;
        }
        String s = ref.asText();
        if (!s.startsWith("#/")) {
            return null;
        }
        JsonNode target = root.at(s.substring(1));
        return target.isMissingNode() ? null : target;
    }

    private static void collectParameters(JsonNode root, Class<?> resource, Method m, Set<String> path,
            Set<String> query) {
        for (Parameter p : m.getParameters()) {
            annotations(p.getAnnotations(), p.getType(), path, query);
        }
        fields(resource, path, query);
    }

    private static void annotations(Annotation[] annotations, Class<?> type, Set<String> path, Set<String> query) {
        for (Annotation a : annotations) {
            if (a instanceof PathParam pp) {
                path.add(pp.value());
            } else if (a instanceof QueryParam qp) {
                query.add(qp.value());
            } else if (a instanceof BeanParam) {
                fields(type, path, query);
                for (Method setter : type.getMethods()) {
                    annotations(setter.getAnnotations(), Object.class, path, query);
                }
            }
        }
    }

    private static void fields(Class<?> type, Set<String> path, Set<String> query) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    annotations(f.getAnnotations(), f.getType(), path, query);
                }
            }
        }
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod hm = a.annotationType().getAnnotation(HttpMethod.class);
            if (hm != null) {
                return hm.value().toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    static String join(Path classPath, Path methodPath) {
        String s = "/" + (classPath == null ? "" : classPath.value()) + "/" + (methodPath == null ? "" : methodPath.value());
        s = s.replaceAll("/{2,}", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The path with every template replaced by {@code {}} and without a trailing slash. */
    static String shape(String path) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : path.toCharArray()) {
            if (c == '{') {
                if (depth++ == 0) {
                    out.append("{}");
                }
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        String s = out.toString().replaceAll("/{2,}", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Names of the templates of a path: {@code /a/{id: \d+}/{name}} gives id, name. */
    static Set<String> templateNames(String path) {
        Set<String> names = new LinkedHashSet<>();
        int depth = 0;
        StringBuilder name = null;
        for (char c : path.toCharArray()) {
            if (c == '{') {
                if (depth++ == 0) {
                    name = new StringBuilder();
                }
            } else if (c == '}') {
                if (--depth == 0 && name != null) {
                    names.add(name.toString().split(":", 2)[0].strip());
                    name = null;
                }
            } else if (depth > 0 && name != null) {
                name.append(c);
            }
        }
        return names;
    }

    private static String names(Class<?>[] resources) {
        List<String> names = new ArrayList<>();
        for (Class<?> c : resources) {
            names.add(c.getSimpleName());
        }
        return String.join(", ", names);
    }

    private record Documented(String path, JsonNode pathItem, JsonNode operation) {
    }

    private record Implemented(String path, Class<?> resource, Method method) {
        String where() {
            return resource.getSimpleName() + "." + method.getName();
        }

        String httpMethodAndPath(String key) {
            return key.split(" ")[0] + " " + path;
        }
    }
}
