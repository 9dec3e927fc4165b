package org.xnat.dicom.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parsing and formatting of DA, TM and DT values (PS3.5 6.2), lenient about the legacy forms
 * ("YYYY.MM.DD", "HH:MM:SS") and partial values ("HH", "HHMM", "YYYY" for DT). Bad values give
 * {@link DateTimeParseException}.
 */
public final class DateTimes {

    private DateTimes() {
    }

    public static LocalDate parseDate(String da) {
        String s = da.trim();
        if (s.length() == 10 && s.charAt(4) == '.' && s.charAt(7) == '.') {
            s = s.substring(0, 4) + s.substring(5, 7) + s.substring(8);
        }
        if (s.length() != 8 || !digits(s, 0, 8)) {
            throw new DateTimeParseException("Not a DA value", da, 0);
        }
        return LocalDate.of(num(s, 0, 4), num(s, 4, 6), num(s, 6, 8));
    }

    public static LocalTime parseTime(String tm) {
        String s = tm.trim().replace(":", "");
        int dot = s.indexOf('.');
        String main = dot < 0 ? s : s.substring(0, dot);
        if (main.isEmpty() || main.length() % 2 != 0 || main.length() > 6 || !digits(main, 0, main.length())) {
            throw new DateTimeParseException("Not a TM value", tm, 0);
        }
        int h = num(main, 0, 2);
        int m = main.length() >= 4 ? num(main, 2, 4) : 0;
        int sec = main.length() >= 6 ? num(main, 4, 6) : 0;
        int nanos = 0;
        if (dot >= 0) {
            String f = s.substring(dot + 1);
            if (f.length() > 6 || !digits(f, 0, f.length())) {
                throw new DateTimeParseException("Not a TM value", tm, dot);
            }
            nanos = f.isEmpty() ? 0 : Integer.parseInt((f + "000000000").substring(0, 9));
        }
        return LocalTime.of(h, m, sec == 60 ? 59 : sec, nanos); // leap second 60 is allowed by PS3.5
    }

    /** The local date-time of a DT value (its UTC offset, if any, is ignored; see {@link #parseOffset}). */
    public static LocalDateTime parseDateTime(String dt) {
        String s = stripOffset(dt.trim());
        if (s.length() < 4 || !digits(s, 0, Math.min(s.length(), 4))) {
            throw new DateTimeParseException("Not a DT value", dt, 0);
        }
        int year = num(s, 0, 4);
        int month = s.length() >= 6 ? num(s, 4, 6) : 1;
        int day = s.length() >= 8 ? num(s, 6, 8) : 1;
        LocalTime time = s.length() > 8 ? parseTime(s.substring(8)) : LocalTime.MIDNIGHT;
        try {
            return LocalDateTime.of(LocalDate.of(year, month, day), time);
        } catch (RuntimeException e) {
            throw new DateTimeParseException("Not a DT value", dt, 0, e);
        }
    }

    /** The "&ZZXX" UTC offset of a DT value, or {@code null}. */
    public static ZoneOffset parseOffset(String dt) {
        String s = dt.trim();
        int i = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (i < 0 || s.length() - i != 5) {
            return null;
        }
        int hours = num(s, i + 1, i + 3);
        int minutes = num(s, i + 3, i + 5);
        return s.charAt(i) == '-' ? ZoneOffset.ofHoursMinutes(-hours, -minutes)
                : ZoneOffset.ofHoursMinutes(hours, minutes);
    }

    public static String formatDate(LocalDate d) {
        return String.format("%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    /** HHMMSS, with ".FFFFFF" when there are fractions of a second. */
    public static String formatTime(LocalTime t) {
        String s = String.format("%02d%02d%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? s : s + String.format(".%06d", micros);
    }

    public static String formatDateTime(LocalDateTime dt) {
        return formatDate(dt.toLocalDate()) + formatTime(dt.toLocalTime());
    }

    private static String stripOffset(String s) {
        int i = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        return i > 0 ? s.substring(0, i) : s;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        if (to > s.length() || !digits(s, from, to)) {
            throw new DateTimeParseException("Bad digits", s, from);
        }
        return Integer.parseInt(s, from, to, 10);
    }
}
