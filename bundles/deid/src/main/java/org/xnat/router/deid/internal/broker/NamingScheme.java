package org.xnat.router.deid.internal.broker;

import java.util.List;
import java.util.Locale;

/**
 * How a local honest broker makes research identifiers. {@code hash}: 10 hex digits of a keyed hash of the
 * original; {@code sequential}: 000001, 000002, ... per broker in order of first appearance; the word schemes
 * pick words by a keyed hash (a pseudonym people can say), with a number added when the word pairs run out.
 */
public enum NamingScheme {
    HASH, SEQUENTIAL, ADJECTIVE_ANIMAL, COLOR_ANIMAL, NATO_PHONETIC;

    static final List<String> ADJECTIVES = List.of("AMBER", "BOLD", "BRAVE", "BRIGHT", "BRISK", "CALM", "CLEVER",
            "COOL", "CRISP", "CURIOUS", "DARING", "EAGER", "EARLY", "FAIR", "FAST", "FIERCE", "FRESH", "GENTLE",
            "GLAD", "GRAND", "HAPPY", "HARDY", "HONEST", "HUMBLE", "JOLLY", "KEEN", "KIND", "LIVELY", "LOYAL", "LUCKY",
            "MERRY", "MIGHTY", "MODEST", "NIMBLE", "NOBLE", "PATIENT", "PLAIN", "POLITE", "PROUD", "QUICK", "QUIET",
            "RAPID", "READY", "SHARP", "SHY", "SILENT", "SMART", "SOLID", "STEADY", "STRONG", "SUNNY", "SWIFT",
            "TIDY", "TOUGH", "TRUE", "VIVID", "WARM", "WILD", "WISE", "WITTY", "YOUNG", "ZEALOUS", "AGILE", "ACTIVE");
    static final List<String> COLORS = List.of("AMBER", "AZURE", "BEIGE", "BLACK", "BLUE", "BRONZE", "BROWN",
            "CORAL", "CREAM", "CRIMSON", "CYAN", "EBONY", "EMERALD", "GOLD", "GRAY", "GREEN", "INDIGO", "IVORY",
            "JADE", "KHAKI", "LEMON", "LILAC", "LIME", "MAGENTA", "MAROON", "MINT", "NAVY", "OCHRE", "OLIVE",
            "ORANGE", "PEACH", "PINK", "PLUM", "PURPLE", "RED", "ROSE", "RUBY", "RUST", "SAGE", "SALMON", "SAND",
            "SCARLET", "SILVER", "SLATE", "TAN", "TEAL", "TOPAZ", "VIOLET", "WHITE", "YELLOW");
    static final List<String> ANIMALS = List.of("ALBATROSS", "ANT", "BADGER", "BAT", "BEAR", "BEAVER", "BISON",
            "CAMEL", "CAT", "CHEETAH", "CRANE", "CROW", "DEER", "DOLPHIN", "DOVE", "EAGLE", "ELK", "FALCON", "FERRET",
            "FINCH", "FOX", "FROG", "GECKO", "GOAT", "GOOSE", "HARE", "HAWK", "HERON", "IBIS", "JAGUAR", "KOALA",
            "LARK", "LEMUR", "LION", "LYNX", "MOLE", "MOOSE", "OTTER", "OWL", "PANDA", "PELICAN", "PUFFIN", "RAVEN",
            "ROBIN", "SEAL", "SHARK", "SWAN", "TIGER", "TURTLE", "WALRUS", "WHALE", "WOLF", "WOMBAT", "ZEBRA");
    static final List<String> NATO = List.of("ALFA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT", "GOLF", "HOTEL",
            "INDIA", "JULIETT", "KILO", "LIMA", "MIKE", "NOVEMBER", "OSCAR", "PAPA", "QUEBEC", "ROMEO", "SIERRA",
            "TANGO", "UNIFORM", "VICTOR", "WHISKEY", "XRAY", "YANKEE", "ZULU");
    /** After this many collisions the word schemes add the sequence number, which is always free. */
    static final int WORD_ATTEMPTS = 10;

    public static NamingScheme of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The identifier (without prefix).
     *
     * @param hash a keyed hash of the original and the attempt (at least 8 bytes)
     * @param sequence the broker's next sequence number for this identifier type
     */
    String token(byte[] hash, long sequence, int attempt) {
        return switch (this) {
            case HASH -> hex(hash, 5);
            case SEQUENTIAL -> String.format("%06d", sequence + attempt);
            case ADJECTIVE_ANIMAL -> words(ADJECTIVES, ANIMALS, hash, sequence, attempt);
            case COLOR_ANIMAL -> words(COLORS, ANIMALS, hash, sequence, attempt);
            case NATO_PHONETIC -> {
                String w = pick(NATO, hash, 0) + "_" + pick(NATO, hash, 2) + "_" + String.format("%02d", (hash[4] & 0xFF) % 100);
                yield attempt < WORD_ATTEMPTS ? w : w + "_" + sequence;
            }
        };
    }

    private static String words(List<String> first, List<String> second, byte[] hash, long sequence, int attempt) {
        String w = pick(first, hash, 0) + "_" + pick(second, hash, 2);
        return attempt < WORD_ATTEMPTS ? w : w + "_" + sequence;
    }

    private static String pick(List<String> words, byte[] hash, int at) {
        return words.get(((hash[at] & 0xFF) << 8 | (hash[at + 1] & 0xFF)) % words.size());
    }

    static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(String.format("%02X", b[i]));
        }
        return s.toString();
    }
}
