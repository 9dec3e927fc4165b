package org.xnat.router.deid.internal.values;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xnat.dicom.data.VR;

/**
 * Shifts DA, DT and TM values (PS3.5 6.2) by a number of days or seconds, keeping each value's precision (a DT
 * with only year, month and day stays so). Whole-day shifts leave TM values as they are. Multi-valued elements
 * are shifted value by value.
 */
public final class DateShift {

    public enum Unit { DAYS, SECONDS }

    private static final Pattern DA = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern DA_OLD = Pattern.compile("(\\d{4})\\.(\\d{2})\\.(\\d{2})");
    private static final Pattern TM = Pattern.compile("(\\d{2})(?::?(\\d{2})(?::?(\\d{2})(\\.\\d{1,6})?)?)?");
    private static final Pattern DT = Pattern.compile(
            "(\\d{4})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(\\.\\d{1,6})?)?)?)?)?)?([+-]\\d{4})?");
    private static final DateTimeFormatter YMD = DateTimeFormatter.ofPattern("uuuuMMdd");

    private DateShift() {
    }

    /** True for the VRs this class shifts. */
    public static boolean isTemporal(VR vr) {
        return vr == VR.DA || vr == VR.DT || vr == VR.TM;
    }

    /**
     * The shifted values; {@code values} are the element's values as read (empty ones stay empty).
     *
     * @throws IllegalArgumentException naming the value when one is not a valid date, time or date-time
     */
    public static String[] shift(String[] values, VR vr, long amount, Unit unit) {
        List<String> out = new ArrayList<>(values.length);
        for (String v : values) {
            String t = v.strip();
            out.add(t.isEmpty() ? t : switch (vr) {
                case DA -> shiftDate(t, amount, unit);
                case DT -> shiftDateTime(t, amount, unit);
                case TM -> shiftTime(t, amount, unit);
                default -> throw new IllegalArgumentException(vr + " is not a date or time VR");
            });
        }
        return out.toArray(new String[0]);
    }

    private static String shiftDate(String v, long amount, Unit unit) {
        Matcher m = DA.matcher(v);
        if (!m.matches()) {
            m = DA_OLD.matcher(v);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + v + "' is not a DA value (YYYYMMDD)");
            }
        }
        LocalDate d = date(m.group(1), m.group(2), m.group(3), v);
        LocalDate shifted = unit == Unit.DAYS ? d.plusDays(amount) : d.atStartOfDay().plusSeconds(amount).toLocalDate();
        return shifted.format(YMD);
    }

    private static String shiftTime(String v, long amount, Unit unit) {
        Matcher m = TM.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + v + "' is not a TM value (HHMMSS.FFFFFF)");
        }
        if (unit == Unit.DAYS) {
            return v;
        }
        try {
            LocalTime t = LocalTime.of(Integer.parseInt(m.group(1)), num(m.group(2)), Math.min(num(m.group(3)), 59));
            LocalTime s = t.plusSeconds(amount);
            StringBuilder b = new StringBuilder(String.format("%02d", s.getHour()));
            if (m.group(2) != null) {
                b.append(String.format("%02d", s.getMinute()));
            }
            if (m.group(3) != null) {
                b.append(String.format("%02d", s.getSecond()));
            }
            if (m.group(4) != null) {
                b.append(m.group(4));
            }
            return b.toString();
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + v + "' is not a valid time", e);
        }
    }

    private static String shiftDateTime(String v, long amount, Unit unit) {
        Matcher m = DT.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + v + "' is not a DT value (YYYYMMDDHHMMSS.FFFFFF&ZZXX)");
        }
        LocalDate d = date(m.group(1), m.group(2) == null ? "01" : m.group(2), m.group(3) == null ? "01" : m.group(3), v);
        LocalDateTime dt;
        try {
            dt = d.atTime(num(m.group(4)), num(m.group(5)), Math.min(num(m.group(6)), 59));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + v + "' is not a valid date-time", e);
        }
        LocalDateTime s = unit == Unit.DAYS ? dt.plusDays(amount) : dt.plusSeconds(amount);
        String full = String.format("%04d%02d%02d%02d%02d%02d", s.getYear(), s.getMonthValue(), s.getDayOfMonth(),
                s.getHour(), s.getMinute(), s.getSecond());
        int digits = 4;
        for (int g = 2; g <= 6; g++) {
            if (m.group(g) != null) {
                digits += 2;
            }
        }
        StringBuilder b = new StringBuilder(full.substring(0, digits));
        if (m.group(7) != null) {
            b.append(m.group(7));
        }
        if (m.group(8) != null) {
            b.append(m.group(8));
        }
        return b.toString();
    }

    private static LocalDate date(String y, String mo, String d, String v) {
        try {
            return LocalDate.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + v + "' is not a valid date", e);
        }
    }

    private static int num(String s) {
        return s == null ? 0 : Integer.parseInt(s);
    }
}
