package org.xnat.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xnat.dicom.json.internal.JsonTokenizer;
import org.xnat.dicom.json.internal.JsonTokenizer.Token;

class JsonTokenizerTest {

    private static List<String> tokens(String json, JsonLimits limits) throws IOException {
        JsonTokenizer t = new JsonTokenizer(new StringReader(json), limits);
        List<String> out = new ArrayList<>();
        for (Token tok = t.next(); tok != Token.END; tok = t.next()) {
            out.add(tok == Token.NAME || tok == Token.STRING || tok == Token.NUMBER ? tok + ":" + t.text() : tok.name());
        }
        return out;
    }

    private static List<String> tokens(String json) throws IOException {
        return tokens(json, JsonLimits.defaults());
    }

    @Test
    void tokenizesAValidDocument() throws IOException {
        assertThat(tokens(" {\"a\" : [1, -2.5e+3, \"x\\u00e9\\n\\\"\", true, false, null, {}, []]}\n"))
                .containsExactly("BEGIN_OBJECT", "NAME:a", "BEGIN_ARRAY", "NUMBER:1", "NUMBER:-2.5e+3",
                        "STRING:x\u00e9\n\"", "TRUE", "FALSE", "NULL", "BEGIN_OBJECT", "END_OBJECT", "BEGIN_ARRAY",
                        "END_ARRAY", "END_ARRAY", "END_OBJECT");
        assertThat(tokens("\"top\"")).containsExactly("STRING:top");
        assertThat(tokens("0")).containsExactly("NUMBER:0");
        assertThat(tokens("\"\\ud83d\\ude00\"")).containsExactly("STRING:\ud83d\ude00");
    }

    @Test
    void keepsNumbersExactlyAsWritten() throws IOException {
        assertThat(tokens("[1.50, 0.1E-07, 123456789012345678901234567890]"))
                .containsExactly("BEGIN_ARRAY", "NUMBER:1.50", "NUMBER:0.1E-07", "NUMBER:123456789012345678901234567890",
                        "END_ARRAY");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1,}                | trailing comma           | 1 | 8",
        "[1,]                      | trailing comma           | 1 | 4",
        "{\"a\" 1}                 | expected ':'             | 1 | 6",
        "{\"a\":}                  | value expected           | 1 | 6",
        "[01]                      | leading zero             | 1 | 3",
        "[1.]                      | digit expected after '.' | 1 | 4",
        "[.5]                      | unexpected character     | 1 | 2",
        "[+1]                      | unexpected character     | 1 | 2",
        "[-]                       | digit expected           | 1 | 3",
        "[1e]                      | digit expected in exponent | 1 | 4",
        "[tru]                     | invalid literal          | 1 | 5",
        "[nulls]                   | invalid literal          | 1 | 6",
        "\"abc                     | unterminated string      | 1 | 5",
        "[\"a\\x\"]                | invalid escape           | 1 | 5",
        "[\"\\u12G4\"]             | invalid \\u escape       | 1 | 7",
        "{1:2}                     | expected a member name   | 1 | 2",
        "[1 2]                     | expected ','             | 1 | 4",
        "{\"a\":1]                 | expected ','             | 1 | 7",
        "[1]]                      | unexpected data after    | 1 | 4",
        "{} {}                     | unexpected data after    | 1 | 4",
        "x                         | unexpected character     | 1 | 1",
        "[                         | unexpected end of input  | 1 | 2",
        "                          | unexpected end of input  | 1 | 1",
    })
    void rejectsMalformedJsonWithItsPosition(String json, String message, long line, long column) {
        String doc = json == null ? "" : json;
        assertThatThrownBy(() -> tokens(doc))
                .isInstanceOf(DicomJsonException.class)
                .hasMessageContaining(message)
                .satisfies(e -> {
                    DicomJsonException d = (DicomJsonException) e;
                    assertThat(d.line()).isEqualTo(line);
                    assertThat(d.column()).isEqualTo(column);
                });
    }

    @Test
    void reportsLinesAndControlCharacters() {
        assertThatThrownBy(() -> tokens("{\n  \"a\": [\n    1,\n    x\n  ]\n}"))
                .isInstanceOf(DicomJsonException.class)
                .hasMessageContaining("line 4, column 5");
        assertThatThrownBy(() -> tokens("[\"a\tb\"]"))
                .hasMessageContaining("unescaped control character");
    }

    @Test
    void enforcesLimits() {
        assertThatThrownBy(() -> tokens("[[[[1]]]]", JsonLimits.defaults().withMaxDepth(3)))
                .isInstanceOf(DicomJsonException.class).hasMessageContaining("nesting deeper than 3");
        assertThatThrownBy(() -> tokens("[\"" + "x".repeat(100) + "\"]", JsonLimits.defaults().withMaxStringLength(99)))
                .isInstanceOf(DicomJsonException.class).hasMessageContaining("string longer than 99");
        assertThatThrownBy(() -> tokens("[\"" + "\\n".repeat(100) + "\"]", JsonLimits.defaults().withMaxStringLength(99)))
                .isInstanceOf(DicomJsonException.class).hasMessageContaining("string longer than 99");
        assertThatThrownBy(() -> tokens("[" + "1".repeat(500) + "]"))
                .isInstanceOf(DicomJsonException.class).hasMessageContaining("number longer than 400");
        assertThatThrownBy(() -> tokens("[" + "1,".repeat(10_000) + "1]", JsonLimits.defaults().withMaxDocumentLength(10_000)))
                .isInstanceOf(DicomJsonException.class).hasMessageContaining("document longer than 10000");
    }

    @Test
    void anEndlessStringStopsAtTheCapWithoutReadingFurther() {
        // A reader that never ends: the cap, not memory, must stop it.
        Reader endless = new Reader() {
            private boolean started;

            @Override
            public int read(char[] cbuf, int off, int len) {
                int i = 0;
                if (!started) {
                    cbuf[off] = '"';
                    i = 1;
                    started = true;
                }
                for (; i < len; i++) {
                    cbuf[off + i] = 'a';
                }
                return len;
            }

            @Override
            public void close() {
            }
        };
        JsonTokenizer t = new JsonTokenizer(endless, JsonLimits.defaults().withMaxStringLength(1 << 20));
        assertThatThrownBy(t::next).isInstanceOf(DicomJsonException.class).hasMessageContaining("string longer than");
    }

    @Test
    void treeHelperParses() throws IOException {
        assertThat(JsonTree.parse("{\"a\":[1,\"b\",null]}")).isInstanceOf(Map.class);
    }
}
