package org.xnat.router.deid.internal.dicomedit;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.ElementDictionary;
import org.xnat.router.deid.internal.dicomedit.Ast.Expr;
import org.xnat.router.deid.internal.dicomedit.Ast.Pos;
import org.xnat.router.deid.internal.dicomedit.Ast.Stmt;
import org.xnat.router.deid.internal.uid.UidHasher;
import org.xnat.router.deid.internal.values.DateShift;

/**
 * Runs a parsed script on one dataset, statement by statement, top to bottom. Any error stops the run with the
 * line and column of the statement or value that failed; the caller then discards the dataset (fail closed).
 */
final class Interpreter {

    /** Answers {@code lookup[type, key]}: a lookup table, an honest broker's crosswalk. */
    @FunctionalInterface
    interface Lookup {
        /** The value, or {@code null} if there is none. */
        String lookup(String type, String key) throws Exception;
    }

    /** What a run may use besides the dataset. */
    record Environment(UidHasher uids, Lookup lookup, Map<String, String> variables) {
    }

    private final Attributes ds;
    private final Environment env;
    private final Map<String, String> variables;
    /** Elements shifted in this run: a value is shifted once even when several paths match it. */
    private final Map<Attributes, Set<Integer>> shifted = new IdentityHashMap<>();
    /** The element being assigned, for values that name the assigned path. */
    private TagPath.Location current;
    private TagPath currentPath;

    private Interpreter(Attributes ds, Environment env) {
        this.ds = ds;
        this.env = env;
        this.variables = new HashMap<>(env.variables());
    }

    static void run(Ast.Script script, Attributes ds, Environment env) throws ScriptSyntaxException {
        Interpreter in = new Interpreter(ds, env);
        for (Stmt s : script.statements()) {
            in.exec(s);
        }
    }

    private void exec(Stmt s) throws ScriptSyntaxException {
        try {
            if (s instanceof Ast.Assign a) {
                assign(a);
            } else if (s instanceof Ast.AssignVariable v) {
                variables.put(v.name(), require(v.value(), eval(v.value())));
            } else if (s instanceof Ast.Delete d) {
                for (TagPath.Location loc : d.target().resolve(ds)) {
                    loc.item().remove(loc.tag());
                }
            } else if (s instanceof Ast.RemoveAllPrivate) {
                removePrivate(ds, List.of());
            } else if (s instanceof Ast.RetainPrivate r) {
                List<TagPath.Location> keep = new ArrayList<>();
                for (TagPath p : r.keep()) {
                    keep.addAll(p.resolve(ds));
                }
                removePrivate(ds, keep);
            } else if (s instanceof Ast.Call c) {
                call(c);
            } else if (s instanceof Ast.Conditional c) {
                if (test(c.condition())) {
                    exec(c.then());
                } else if (c.otherwise() != null) {
                    exec(c.otherwise());
                }
            }
        } catch (ScriptSyntaxException e) {
            throw e;
        } catch (RuntimeException e) {
            throw error(s.pos(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    // ------------------------------------------------------------------ statements

    /**
     * Sets every element the path matches; a value naming the assigned path itself means the element being set,
     * so {@code +/(0008,1155) := hashUID[+/(0008,1155)]} hashes each reference on its own. {@code :=} on a path
     * of explicit sequence steps ending in one exact element also creates it where it is missing; {@code ?=} and
     * wildcard paths only change what is there (and evaluate nothing when nothing matches).
     */
    private void assign(Ast.Assign a) throws ScriptSyntaxException {
        TagPath path = a.target();
        for (TagPath.Location loc : path.resolve(ds)) {
            current = loc;
            currentPath = path;
            try {
                set(loc.item(), loc.tag(), require(a.value(), eval(a.value())), a.pos());
            } finally {
                current = null;
                currentPath = null;
            }
        }
        if (a.ifPresent() || !path.element().isExact()
                || path.steps().stream().anyMatch(st -> !(st instanceof TagPath.Into))) {
            return;
        }
        TagSelector sel = path.element();
        String value = null;
        for (Attributes item : path.items(ds)) {
            int existing = sel.isPrivateForm() ? item.findPrivateTag(sel.creator(), sel.group(), sel.value() & 0xFF)
                    : item.contains(sel.value()) ? sel.value() : -1;
            if (existing >= 0 && item.contains(existing)) {
                continue;
            }
            if (value == null) {
                value = require(a.value(), eval(a.value()));
            }
            int tag = sel.isPrivateForm() ? item.reservePrivateTag(sel.creator(), sel.group(), sel.value() & 0xFF)
                    : sel.value();
            set(item, tag, value, a.pos());
        }
    }

    private void set(Attributes item, int tag, String value, Pos pos) throws ScriptSyntaxException {
        VR vr = item.getVR(tag);
        if (vr == null) {
            vr = ElementDictionary.vrOf(item.getPrivateCreator(tag), tag);
            if (vr == VR.UN) {
                vr = VR.LO;
            }
        }
        if (vr == VR.SQ) {
            throw error(pos, Tag.toString(tag) + " is a sequence; a text value cannot be assigned to it");
        }
        try {
            if (vr.isBinary() && vr != VR.UN && vr != VR.OB) {
                item.setString(tag, vr, value.isEmpty() ? new String[0] : value.split("\\\\"));
            } else {
                item.setString(tag, vr == VR.UN || vr == VR.OB ? VR.LO : vr, value);
            }
        } catch (RuntimeException e) {
            throw error(pos, "'" + value + "' cannot be stored in " + Tag.toString(tag) + " (VR " + vr + ")");
        }
    }

    private void call(Ast.Call c) throws ScriptSyntaxException {
        switch (c.name()) {
            case "shiftDateTimeByIncrement" -> shift(c);
            case "alterPixels" -> {
                List<String> args = new ArrayList<>();
                for (Expr e : c.args()) {
                    args.add(require(e, eval(e)));
                }
                PixelEditor.fill(ds, PixelEditor.Rectangle.parse(args));
            }
            case "blankValues" -> {
                for (Expr e : c.args()) {
                    for (TagPath.Location loc : ((Ast.TagValue) e).path().resolve(ds)) {
                        VR vr = loc.item().getVR(loc.tag());
                        if (vr == VR.SQ) {
                            loc.item().newSequence(loc.tag());
                        } else {
                            loc.item().setNull(loc.tag(), vr);
                        }
                    }
                }
            }
            default -> throw error(c.pos(), "unknown statement " + c.name());
        }
    }

    private void shift(Ast.Call c) throws ScriptSyntaxException {
        TagPath path = ((Ast.TagValue) c.args().get(0)).path();
        String amountText = require(c.args().get(1), eval(c.args().get(1))).trim();
        long amount;
        try {
            amount = Long.parseLong(amountText.startsWith("+") ? amountText.substring(1) : amountText);
        } catch (NumberFormatException e) {
            throw error(c.args().get(1).pos(), "the increment is a whole number, not \"" + amountText + "\"");
        }
        String unitText = require(c.args().get(2), eval(c.args().get(2))).trim();
        DateShift.Unit unit = switch (unitText) {
            case "days" -> DateShift.Unit.DAYS;
            case "seconds" -> DateShift.Unit.SECONDS;
            default -> throw error(c.args().get(2).pos(), "the unit is \"days\" or \"seconds\", not \"" + unitText + "\"");
        };
        for (TagPath.Location loc : path.resolve(ds)) {
            Set<Integer> done = shifted.computeIfAbsent(loc.item(), k -> new java.util.HashSet<>());
            if (done.contains(loc.tag())) {
                continue;
            }
            VR vr = loc.item().getVR(loc.tag());
            if (!DateShift.isTemporal(vr)) {
                throw error(c.pos(), Tag.toString(loc.tag()) + " has VR " + vr + ", not DA, DT or TM");
            }
            String[] values = loc.item().getStrings(loc.tag());
            if (values != null && values.length > 0) {
                try {
                    loc.item().setString(loc.tag(), vr, DateShift.shift(values, vr, amount, unit));
                } catch (IllegalArgumentException e) {
                    throw error(c.pos(), Tag.toString(loc.tag()) + ": " + e.getMessage());
                }
            }
            done.add(loc.tag());
        }
    }

    /** Removes private elements (odd groups) at every depth, except the locations to keep and their creators. */
    private static void removePrivate(Attributes item, List<TagPath.Location> keep) {
        List<Integer> keptCreators = new ArrayList<>();
        for (int tag : item.tags()) {
            if ((Tag.group(tag) & 1) == 0) {
                if (item.getValue(tag) instanceof Sequence s) {
                    s.forEach(child -> removePrivate(child, keep));
                }
                continue;
            }
            if (Tag.isPrivateCreator(tag)) {
                continue;
            }
            boolean kept = false;
            for (TagPath.Location loc : keep) {
                if (loc.item() == item && loc.tag() == tag) {
                    kept = true;
                    break;
                }
            }
            if (kept) {
                keptCreators.add(Tag.privateCreatorOf(tag));
            } else {
                item.remove(tag);
            }
        }
        for (int tag : item.tags()) {
            if (Tag.isPrivateCreator(tag) && !keptCreators.contains(tag)) {
                item.remove(tag);
            }
        }
    }

    // ------------------------------------------------------------------ values

    private boolean test(Ast.Condition c) throws ScriptSyntaxException {
        String l = orEmpty(eval(c.left()));
        String r = orEmpty(eval(c.right()));
        return switch (c.op()) {
            case EQ -> l.equals(r);
            case NE -> !l.equals(r);
            case MATCH -> regex(c.right().pos(), r).matcher(l).matches();
            case NOT_MATCH -> !regex(c.right().pos(), r).matcher(l).matches();
        };
    }

    private String eval(Expr e) throws ScriptSyntaxException {
        if (e instanceof Ast.Literal lit) {
            return lit.value();
        }
        if (e instanceof Ast.TagValue tv) {
            if (current != null && tv.path().equals(currentPath)) {
                return text(current);
            }
            List<TagPath.Location> locs = tv.path().resolve(ds);
            return locs.isEmpty() ? null : text(locs.get(0));
        }
        if (e instanceof Ast.Variable v) {
            String value = variables.get(v.name());
            if (value == null && v.name().equals("modalityLabel")) {
                value = ds.getString(Tag.Modality);
            }
            return value;
        }
        if (e instanceof Ast.NewUid) {
            UUID u = UUID.randomUUID();
            byte[] b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
            return "2.25." + new BigInteger(1, b);
        }
        Ast.Function f = (Ast.Function) e;
        List<String> args = new ArrayList<>();
        for (Expr a : f.args()) {
            args.add(eval(a));
        }
        return function(f, args);
    }

    private String function(Ast.Function f, List<String> a) throws ScriptSyntaxException {
        switch (f.name()) {
            case "hashUID": {
                String v = require(f.args().get(0), a.get(0));
                StringBuilder b = new StringBuilder();
                for (String uid : v.split("\\\\", -1)) {
                    b.append(b.length() > 0 ? "\\" : "").append(env.uids().hash(uid));
                }
                return b.toString();
            }
            case "format": {
                String pattern = require(f.args().get(0), a.get(0));
                for (int k = 1; k < a.size(); k++) {
                    pattern = pattern.replace("{" + (k - 1) + "}", orEmpty(a.get(k)));
                }
                return pattern;
            }
            case "lowercase":
                return a.get(0) == null ? null : a.get(0).toLowerCase(java.util.Locale.ROOT);
            case "uppercase":
                return a.get(0) == null ? null : a.get(0).toUpperCase(java.util.Locale.ROOT);
            case "replace":
                return a.get(0) == null ? null : a.get(0).replace(orEmpty(a.get(1)), orEmpty(a.get(2)));
            case "substring": {
                if (a.get(0) == null) {
                    return null;
                }
                String v = a.get(0);
                int start = clamp(integer(f.args().get(1), a.get(1)), v.length());
                int end = a.size() > 2 ? clamp(integer(f.args().get(2), a.get(2)), v.length()) : v.length();
                return end <= start ? "" : v.substring(start, end);
            }
            case "match": {
                if (a.get(0) == null) {
                    return null;
                }
                Matcher m = regex(f.args().get(1).pos(), orEmpty(a.get(1))).matcher(a.get(0));
                int group = integer(f.args().get(2), a.get(2));
                if (!m.find()) {
                    return null;
                }
                if (group < 0 || group > m.groupCount()) {
                    throw error(f.args().get(2).pos(), "the expression has no group " + group);
                }
                return m.group(group);
            }
            case "lookup": {
                String type = require(f.args().get(0), a.get(0));
                String key = require(f.args().get(1), a.get(1));
                if (env.lookup() == null) {
                    throw error(f.pos(), "lookup needs a lookup table or an honest broker; none is configured");
                }
                String v;
                try {
                    v = env.lookup().lookup(type, key);
                } catch (Exception e) {
                    // keep the cause: the router tells a broker that is down (retry later) from a refusal by it
                    throw (ScriptSyntaxException) error(f.pos(), "lookup[" + type + "] failed: " + e.getMessage()).initCause(e);
                }
                if (v == null) {
                    throw error(f.pos(), "lookup[" + type + "] has no value for '" + key + "'");
                }
                return v;
            }
            default:
                throw error(f.pos(), "unknown function " + f.name());
        }
    }

    private String text(TagPath.Location loc) {
        Attributes item = loc.item();
        VR vr = item.getVR(loc.tag());
        if (vr == VR.SQ) {
            return "";
        }
        if (vr.isString()) {
            String t = item.getText(loc.tag());
            if (t == null) {
                return "";
            }
            int end = t.length();
            while (end > 0 && (t.charAt(end - 1) == ' ' || t.charAt(end - 1) == '\0')) {
                end--;
            }
            return t.substring(0, end);
        }
        String[] v = item.getStrings(loc.tag());
        return v == null ? "" : String.join("\\", v);
    }

    private static String require(Expr e, String value) throws ScriptSyntaxException {
        if (value == null) {
            String what = e instanceof Ast.Variable v ? "variable '" + v.name() + "' is not defined"
                    : e instanceof Ast.TagValue t ? t.path() + " is not in the dataset"
                    : "the value is undefined";
            throw error(e.pos(), what);
        }
        return value;
    }

    private static int integer(Expr e, String v) throws ScriptSyntaxException {
        try {
            return Integer.parseInt(require(e, v).trim());
        } catch (NumberFormatException ex) {
            throw error(e.pos(), "\"" + v + "\" is not a whole number");
        }
    }

    private static int clamp(int i, int len) {
        return Math.max(0, Math.min(i, len));
    }

    private static Pattern regex(Pos pos, String r) throws ScriptSyntaxException {
        try {
            return Pattern.compile(r);
        } catch (PatternSyntaxException e) {
            throw error(pos, "invalid regular expression \"" + r + "\": " + e.getDescription());
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static ScriptSyntaxException error(Pos p, String message) {
        return new ScriptSyntaxException(p.line(), p.column(), message);
    }
}
