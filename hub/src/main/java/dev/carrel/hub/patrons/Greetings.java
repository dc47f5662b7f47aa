package dev.carrel.hub.patrons;

/**
 * The short greeting form derived from a display name: the first word and the initial of the last
 * ("Zhang San" → "Zhang S.", "Ada King Lovelace" → "Ada L."), or the single word. At most 32 characters,
 * the protocol's limit for an allow-list greeting.
 */
public final class Greetings {
    static final int MAX = 32;

    private Greetings() {}

    public static String shortForm(String displayName) {
        String[] words = displayName.strip().split("\\s+");
        String first = words[0];
        String out;
        if (words.length == 1) {
            out = first;
        } else {
            String last = words[words.length - 1];
            out = first + " " + last.substring(0, last.offsetByCodePoints(0, 1)) + ".";
        }
        if (out.length() <= MAX) {
            return out;
        }
        int cut = MAX - 1;
        if (Character.isHighSurrogate(first.charAt(Math.min(cut, first.length()) - 1))) {
            cut--; // never split a character in two
        }
        return first.substring(0, Math.min(cut, first.length())) + ".";
    }
}
