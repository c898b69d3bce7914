package dev.agentstream.tools.robustness;

import java.util.ArrayList;
import java.util.List;

/**
 * The bad-input corpus: calls a careless or adversarial model might send to each of the five tools, each of
 * which must end in a clear error result and change nothing. Built from tables so each family of mistakes
 * (bad paths, wrong types, out-of-range numbers, special files, broken text) meets every field it applies to.
 * {@code ROOT} in a case stands for the test tree's folder.
 */
final class BadInputCorpus {

    record Case(String tool, String json) {
        @Override
        public String toString() {
            return tool + " " + (json.length() > 140 ? json.substring(0, 140) + "..." : json);
        }
    }

    static final String EDIT = "str_replace_based_edit_tool";

    /** Paths no file tool may act on: not absolute, empty, with a NUL, missing, special files, loops. */
    static final List<String> BAD_PATHS = List.of(
            "\"a.txt\"", "\"\"", "\"   \"", "\"ROOT/a\\u0000b\"", "\"\\u0000\"", "\"ROOT/missing/x.txt\"",
            "\"ROOT/fifo\"", "\"/dev/zero\"", "\"/dev/urandom\"", "\"ROOT/zero\"", "\"ROOT/urandom\"",
            "\"ROOT/loop\"", "\"ROOT/dangling\"", "\"ROOT/a\\ud800.txt\"", "\"/dev/null\"", "\"../ROOT/a.txt\"");

    /** Values of the wrong JSON type for a string field. */
    static final List<String> NOT_STRINGS = List.of("42", "true", "[\"ROOT/a.txt\"]", "{\"p\":1}", "1.5");

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        edit(cases);
        find(cases);
        tree(cases);
        bash(cases);
        computer(cases);
        return cases;
    }

    private static void edit(List<Case> cases) {
        for (String path : BAD_PATHS) {
            add(cases, EDIT, "{\"command\":\"str_replace\",\"path\":" + path + ",\"old_str\":\"zzz\",\"new_str\":\"y\"}");
            add(cases, EDIT, "{\"command\":\"insert\",\"path\":" + path + ",\"insert_line\":99999,\"insert_text\":\"y\\n\"}");
            add(cases, EDIT, "{\"command\":\"undo_edit\",\"path\":" + path + "}");
        }
        for (String path : List.of("\"a.txt\"", "\"\"", "\"ROOT/a\\u0000b\"", "\"ROOT/missing.txt\"", "\"ROOT/fifo\"", "\"/dev/zero\"",
                "\"/dev/urandom\"", "\"ROOT/zero\"", "\"ROOT/urandom\"", "\"ROOT/loop\"", "\"ROOT/dangling\"", "\"/proc/self/mem\"")) {
            add(cases, EDIT, "{\"command\":\"view\",\"path\":" + path + "}");
        }
        // special and unfit files as edit targets, with edits that would otherwise apply
        for (String file : List.of("fifo", "zero", "urandom", "bin.dat", "latin1.txt", "big.txt", "sub")) {
            add(cases, EDIT, "{\"command\":\"str_replace\",\"path\":\"ROOT/" + file + "\",\"old_str\":\"a\",\"new_str\":\"b\"}");
            add(cases, EDIT, "{\"command\":\"insert\",\"path\":\"ROOT/" + file + "\",\"insert_line\":0,\"insert_text\":\"b\"}");
        }
        add(cases, EDIT, "{\"command\":\"str_replace\",\"path\":\"/dev/zero\",\"old_str\":\"\\u0000\",\"new_str\":\"b\"}");
        // create
        for (String path : List.of("\"ROOT/newdir/\"", "\"ROOT/new.txt/\"", "\"ROOT/a.txt\"", "\"ROOT/fifo\"", "\"ROOT/fifo/x.txt\"",
                "\"ROOT/zero\"", "\"ROOT/sub\"", "\"ROOT/sub/\"", "\"ROOT/loop\"", "\"ROOT/n\\u0000.txt\"", "\"ROOT/a.txt/x\"", "\"rel.txt\"")) {
            add(cases, EDIT, "{\"command\":\"create\",\"path\":" + path + ",\"file_text\":\"x\"}");
        }
        add(cases, EDIT, "{\"command\":\"create\",\"path\":\"ROOT/new.txt\"}");
        add(cases, EDIT, "{\"command\":\"create\",\"path\":\"ROOT/new.txt\",\"file_text\":\"bad \\udc00 text\"}");
        add(cases, EDIT, "{\"command\":\"create\",\"path\":\"ROOT/huge.txt\",\"file_text\":\"" + "x".repeat(33 * 1024 * 1024) + "\"}");
        for (String value : NOT_STRINGS) {
            add(cases, EDIT, "{\"command\":\"create\",\"path\":\"ROOT/new.txt\",\"file_text\":" + value + "}");
            add(cases, EDIT, "{\"command\":\"view\",\"path\":" + value + "}");
            add(cases, EDIT, "{\"command\":" + value + ",\"path\":\"ROOT/a.txt\"}");
            add(cases, EDIT, "{\"command\":\"str_replace\",\"path\":\"ROOT/a.txt\",\"old_str\":" + value + ",\"new_str\":\"y\"}");
            add(cases, EDIT, "{\"command\":\"str_replace\",\"path\":\"ROOT/a.txt\",\"old_str\":\"beta\",\"new_str\":" + value + "}");
            add(cases, EDIT, "{\"command\":\"insert\",\"path\":\"ROOT/a.txt\",\"insert_line\":1,\"insert_text\":" + value + "}");
        }
        for (String command : List.of("\"\"", "\"VIEW\"", "\"delete\"", "\"str-replace\"", "\"view \"", "null")) {
            add(cases, EDIT, "{\"command\":" + command + ",\"path\":\"ROOT/a.txt\"}");
        }
        add(cases, EDIT, "{\"path\":\"ROOT/a.txt\"}");
        add(cases, EDIT, "{\"command\":\"view\"}");
        for (String range : List.of("[0,1]", "[3,1]", "[1]", "[1,2,3]", "[\"a\",\"b\"]", "\"1-2\"", "[-2,5]", "[99,100]",
                "[0,0]", "[1.5,2]", "[]", "{}", "[1,-2]")) {
            add(cases, EDIT, "{\"command\":\"view\",\"path\":\"ROOT/a.txt\",\"view_range\":" + range + "}");
        }
        add(cases, EDIT, "{\"command\":\"view\",\"path\":\"ROOT/sub\",\"view_range\":[1,2]}");
        for (String max : List.of("0", "-1", "\"x\"", "1.5", "99999999999")) {
            add(cases, EDIT, "{\"command\":\"view\",\"path\":\"ROOT/a.txt\",\"max_characters\":" + max + "}");
        }
        for (String line : List.of("-1", "\"x\"", "1.5", "99999", "null", "99999999999")) {
            add(cases, EDIT, "{\"command\":\"insert\",\"path\":\"ROOT/a.txt\",\"insert_line\":" + line + ",\"insert_text\":\"y\"}");
        }
        add(cases, EDIT, "{\"command\":\"insert\",\"path\":\"ROOT/a.txt\",\"insert_line\":1}");
        for (String old : List.of("\"\"", "\"zzz\"", "\"x\"", "\"beta\\ngam ma\"", "\"a\\ud800\"")) {
            String file = old.equals("\"x\"") ? "dup.txt" : "a.txt";
            add(cases, EDIT, "{\"command\":\"str_replace\",\"path\":\"ROOT/" + file + "\",\"old_str\":" + old + ",\"new_str\":\"y\"}");
        }
        add(cases, EDIT, "{\"command\":\"str_replace\",\"path\":\"ROOT/a.txt\",\"old_str\":\"beta\",\"new_str\":\"beta\"}");
        add(cases, EDIT, "{\"command\":\"str_replace\",\"path\":\"ROOT/a.txt\",\"new_str\":\"y\"}");
        add(cases, EDIT, "[\"view\",\"ROOT/a.txt\"]");
        add(cases, EDIT, "\"view ROOT/a.txt\"");
        add(cases, EDIT, "42");
    }

    private static void find(List<Case> cases) {
        for (String path : BAD_PATHS) add(cases, "find", "{\"path\":" + path + ",\"pattern\":\"alpha\"}");
        for (String value : NOT_STRINGS) {
            add(cases, "find", "{\"path\":" + value + ",\"pattern\":\"alpha\"}");
            add(cases, "find", "{\"path\":\"ROOT\",\"pattern\":" + value + "}");
        }
        for (String pattern : List.of("\"\"", "null", "\"a\\ud800\"")) add(cases, "find", "{\"path\":\"ROOT\",\"pattern\":" + pattern + "}");
        add(cases, "find", "{\"path\":\"ROOT\"}");
        add(cases, "find", "{\"pattern\":\"alpha\"}");
        for (String regex : List.of("\"(\"", "\"[\"", "\"*\"", "\"a{2,1}\"", "\"(?<\"", "\"\\\\\"", "\"a)\"", "\"+x\"",
                "\"(?P<n>a)\"", "\"\\\\k<x>\"")) {
            add(cases, "find", "{\"path\":\"ROOT\",\"pattern\":" + regex + ",\"regex\":true}");
        }
        for (String field : List.of("include", "exclude")) {
            for (String glob : List.of("\"[\"", "\"\"", "\"  \"", "\"[a-\"", "\"src/[\"", "[\"*.java\",\"[\"]", "5", "[1]", "{\"a\":1}",
                    "[\"\"]", "\"!\"", "\"a[\"")) {
                add(cases, "find", "{\"path\":\"ROOT\",\"pattern\":\"alpha\",\"" + field + "\":" + glob + "}");
            }
        }
        for (String context : List.of("-1", "51", "\"x\"", "1.5", "true")) {
            add(cases, "find", "{\"path\":\"ROOT\",\"pattern\":\"alpha\",\"context\":" + context + "}");
        }
        for (String max : List.of("0", "-1", "2000000", "\"x\"", "1.5", "99999999999")) {
            add(cases, "find", "{\"path\":\"ROOT\",\"pattern\":\"alpha\",\"max_results\":" + max + "}");
        }
        for (String flag : List.of("regex", "case_sensitive", "hidden", "no_ignore")) {
            for (String value : List.of("\"yes\"", "1", "[true]")) {
                add(cases, "find", "{\"path\":\"ROOT\",\"pattern\":\"alpha\",\"" + flag + "\":" + value + "}");
            }
        }
        for (String file : List.of("fifo", "zero", "urandom")) {
            add(cases, "find", "{\"path\":\"ROOT/" + file + "\",\"pattern\":\"a\",\"regex\":true}");
        }
        add(cases, "find", "[\"ROOT\",\"alpha\"]");
        add(cases, "find", "null");
    }

    private static void tree(List<Case> cases) {
        for (String path : BAD_PATHS) add(cases, "tree", "{\"path\":" + path + "}");
        for (String value : NOT_STRINGS) add(cases, "tree", "{\"path\":" + value + "}");
        add(cases, "tree", "{}");
        add(cases, "tree", "{\"path\":\"ROOT/a.txt\"}");
        for (String depth : List.of("0", "-1", "257", "\"x\"", "1.5", "99999999999")) {
            add(cases, "tree", "{\"path\":\"ROOT\",\"max_depth\":" + depth + "}");
        }
        for (String entries : List.of("0", "-1", "\"x\"", "1.5", "99999999999")) {
            add(cases, "tree", "{\"path\":\"ROOT\",\"max_entries\":" + entries + "}");
        }
        for (String flag : List.of("sizes", "hidden", "no_ignore")) {
            for (String value : List.of("\"yes\"", "1")) add(cases, "tree", "{\"path\":\"ROOT\",\"" + flag + "\":" + value + "}");
        }
        add(cases, "tree", "[\"ROOT\"]");
    }

    private static void bash(List<Case> cases) {
        for (String value : List.of("42", "true", "[\"ls\"]", "{\"c\":1}", "1.5")) {
            add(cases, "bash", "{\"command\":" + value + "}");
            add(cases, "bash", "{\"command\":\"ls\",\"timeout\":" + (value.equals("42") ? "-42" : value.equals("1.5") ? "-0.5" : value) + "}");
            add(cases, "bash", "{\"stdin\":" + value + "}");
        }
        for (String command : List.of("\"\"", "\"   \"", "\"echo \\ud800\"", "\"echo \\udfff x\"", "\"\\ud83d\"", "\"printf '%s' \\udc00\"")) {
            add(cases, "bash", "{\"command\":" + command + "}");
        }
        add(cases, "bash", "{}");
        add(cases, "bash", "{\"stdin\":\"y\\n\"}");
        add(cases, "bash", "{\"stdin\":\"\\ud800\"}");
        add(cases, "bash", "{\"interrupt\":true}");
        add(cases, "bash", "{\"command\":\"C-c\"}");
        add(cases, "bash", "{\"restart\":\"yes\"}");
        add(cases, "bash", "{\"interrupt\":\"yes\"}");
        for (String timeout : List.of("-1", "0", "\"x\"", "1e12", "99999999", "null")) {
            if (!timeout.equals("null")) add(cases, "bash", "{\"command\":\"true\",\"timeout\":" + timeout + "}");
        }
        for (String refused : List.of("rm -rf /", "rm -rf / --no-preserve-root", "rm -fr /*", "mkfs.ext4 /dev/sda", "dd if=/dev/zero of=/dev/sda",
                "shutdown -h now", "reboot", "chmod -R 777 /", ":(){ :|:& };:", "sudo rm -rf /", "sh -c 'rm -rf /'", "bash -c \\\"rm -rf /\\\"",
                "env rm -rf /", "echo x; rm -rf /", "rm -rf ~", "poweroff", "chown -R nobody /", "true && mkfs /dev/sdb1")) {
            add(cases, "bash", "{\"command\":\"" + refused + "\"}");
        }
        add(cases, "bash", "[\"ls\"]");
        add(cases, "bash", "\"ls\"");
    }

    private static void computer(List<Case> cases) {
        add(cases, "computer", "{}");
        for (String action : List.of("\"\"", "\"click\"", "\"SCREENSHOT\"", "42", "null", "[\"screenshot\"]", "\"type \"")) {
            add(cases, "computer", "{\"action\":" + action + "}");
        }
        add(cases, "computer", "{\"action\":\"type\"}");
        add(cases, "computer", "{\"action\":\"type\",\"text\":\"\"}");
        add(cases, "computer", "{\"action\":\"type\",\"text\":42}");
        add(cases, "computer", "{\"action\":\"type\",\"text\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}");
        add(cases, "computer", "{\"action\":\"type\",\"text\":\"" + "a".repeat(10_001) + "\"}");
        add(cases, "computer", "{\"action\":\"type\",\"text\":\"a\\u0000b\"}");
        add(cases, "computer", "{\"action\":\"type\",\"text\":\"a\\ud800b\"}");
        add(cases, "computer", "{\"action\":\"type\",\"text\":\"hi\",\"coordinate\":[1,1]}");
        add(cases, "computer", "{\"action\":\"key\"}");
        add(cases, "computer", "{\"action\":\"key\",\"text\":\"\"}");
        add(cases, "computer", "{\"action\":\"key\",\"text\":\"ctrl+nosuchkey\"}");
        add(cases, "computer", "{\"action\":\"key\",\"text\":\"super+nosuchkey+x\"}");
        add(cases, "computer", "{\"action\":\"hold_key\"}");
        for (String action : List.of("mouse_move", "left_click_drag")) {
            for (String coordinate : List.of("[\"a\",1]", "[1]", "[-1,5]", "[1,2,3]", "\"1,2\"", "[1.5,2]", "[99999999999,1]", "null")) {
                add(cases, "computer", "{\"action\":\"" + action + "\",\"coordinate\":" + coordinate + "}");
            }
        }
        add(cases, "computer", "{\"action\":\"mouse_move\"}");
        for (String direction : List.of("\"sideways\"", "42", "\"\"")) {
            add(cases, "computer", "{\"action\":\"scroll\",\"coordinate\":[1,1],\"scroll_direction\":" + direction + ",\"scroll_amount\":1}");
        }
        for (String amount : List.of("-1", "101", "\"x\"", "1.5")) {
            add(cases, "computer", "{\"action\":\"scroll\",\"coordinate\":[1,1],\"scroll_direction\":\"up\",\"scroll_amount\":" + amount + "}");
        }
        for (String duration : List.of("-1", "101", "\"x\"", "1e9")) {
            add(cases, "computer", "{\"action\":\"wait\",\"duration\":" + duration + "}");
        }
        for (String region : List.of("[1,2,3]", "[\"a\",0,1,1]", "[5,5,1,1]", "[-1,0,10,10]", "\"0,0,1,1\"")) {
            add(cases, "computer", "{\"action\":\"zoom\",\"region\":" + region + "}");
        }
        add(cases, "computer", "{\"action\":\"left_click\",\"text\":\"nosuchmodifier\"}");
        add(cases, "computer", "{\"action\":\"left_click\",\"text\":\"shift\",\"key\":\"ctrl\"}");
        add(cases, "computer", "[\"screenshot\"]");
    }

    private static void add(List<Case> cases, String tool, String json) {
        cases.add(new Case(tool, json));
    }
}
