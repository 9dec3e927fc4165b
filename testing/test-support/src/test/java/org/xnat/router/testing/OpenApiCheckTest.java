package org.xnat.router.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;

class OpenApiCheckTest {

    @Path("things")
    public static class Things {
        @GET
        public String list(@QueryParam("limit") int limit) {
            return "";
        }

        @GET
        @Path("{id: \\d{1,9}}")
        public String get(@PathParam("id") long id) {
            return "";
        }

        @POST
        @Path("{id}/retry")
        public void retry(@PathParam("id") long id) {
        }

        /** Not a resource method: no HTTP method annotation. */
        public void helper() {
        }
    }

    private static final String COMPLETE = """
            {"paths": {
              "/things": {"get": {"parameters": [{"name": "limit", "in": "query"}], "responses": {"200": {"description": "ok"}}}},
              "/things/{id}": {
                "parameters": [{"$ref": "#/components/parameters/Id"}],
                "get": {"responses": {"200": {"description": "ok"}, "404": {"description": "unknown"}}}},
              "/things/{id}/retry": {"post": {"parameters": [{"name": "id", "in": "path", "required": true}],
                                             "responses": {"204": {"description": "done"}}}}
            },
            "components": {"parameters": {"Id": {"name": "id", "in": "path", "required": true}}}}
            """;

    @Test
    void aCompleteFragmentPasses() {
        assertThat(OpenApiCheck.problems(COMPLETE, Things.class)).isEmpty();
        OpenApiCheck.assertDocuments(COMPLETE, Things.class);
    }

    @Test
    void anUndocumentedMethodAndAMissingOperationAreBothReported() {
        String fragment = COMPLETE.replace("\"/things/{id}/retry\"", "\"/things/{id}/cancel\"");
        List<String> problems = OpenApiCheck.problems(fragment, Things.class);
        assertThat(problems).anyMatch(p -> p.contains("POST /things/{id}/retry") && p.contains("not documented"));
        assertThat(problems).anyMatch(p -> p.contains("documented POST /things/{id}/cancel does not exist"));
        assertThatThrownBy(() -> OpenApiCheck.assertDocuments(fragment, Things.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not documented");
    }

    @Test
    void parametersAreCheckedBothWays() {
        String wrongQuery = COMPLETE.replace("\"name\": \"limit\"", "\"name\": \"max\"");
        assertThat(OpenApiCheck.problems(wrongQuery, Things.class))
                .anyMatch(p -> p.contains("query parameter 'max' is not a @QueryParam"));
        String noPathParam = COMPLETE.replace("\"parameters\": [{\"name\": \"id\", \"in\": \"path\", \"required\": true}],", "");
        assertThat(OpenApiCheck.problems(noPathParam, Things.class))
                .anyMatch(p -> p.contains("POST /things/{id}/retry: path parameter 'id' is not documented"));
        String danglingRef = COMPLETE.replace("#/components/parameters/Id", "#/components/parameters/Nope");
        assertThat(OpenApiCheck.problems(danglingRef, Things.class)).anyMatch(p -> p.contains("cannot be resolved"));
    }

    @Test
    void operationsWithoutResponsesAndBrokenJsonAreReported() {
        String noResponses = COMPLETE.replace("\"responses\": {\"204\": {\"description\": \"done\"}}", "\"responses\": {}");
        assertThat(OpenApiCheck.problems(noResponses, Things.class)).anyMatch(p -> p.contains("documents no responses"));
        assertThat(OpenApiCheck.problems("{", Things.class)).singleElement().asString().contains("not valid JSON");
        assertThat(OpenApiCheck.problems("{}", Things.class)).singleElement().asString().contains("no \"paths\"");
    }

    @Test
    void templatesAreNormalised() {
        assertThat(OpenApiCheck.shape("/a/{id: \\d{1,9}}/b/")).isEqualTo("/a/{}/b");
        assertThat(OpenApiCheck.templateNames("/a/{id: \\d{1,9}}/{name}")).containsExactly("id", "name");
        assertThat(OpenApiCheck.join(null, null)).isEqualTo("/");
    }

    @Path("other")
    public static class Deleter {
        @DELETE
        @Path("{name}")
        public void delete(@PathParam("name") String name) {
        }
    }

    @Test
    void severalResourceClassesTogether() {
        String fragment = COMPLETE.replace("\"paths\": {", """
                "paths": {"/other/{name}": {"delete": {"parameters": [{"name": "name", "in": "path", "required": true}],
                  "responses": {"204": {"description": "gone"}}}},""");
        assertThat(OpenApiCheck.problems(fragment, Things.class, Deleter.class)).isEmpty();
        assertThat(OpenApiCheck.problems(fragment, Things.class)).anyMatch(p -> p.contains("DELETE /other/{name}"));
    }
}
