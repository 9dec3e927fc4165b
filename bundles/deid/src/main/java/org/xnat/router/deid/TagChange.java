package org.xnat.router.deid;

/**
 * One data element that de-identification added, removed or changed.
 *
 * @param path where it is, e.g. {@code (0010,0010)} or {@code (0008,1140)[0]/(0008,1155)}
 * @param keyword the dictionary keyword ({@code ""} for private and unknown elements)
 * @param before the value before, as text ({@code null}: the element was added)
 * @param after the value after, as text ({@code null}: the element was removed)
 */
public record TagChange(String path, String keyword, String before, String after) {

    public boolean added() {
        return before == null;
    }

    public boolean removed() {
        return after == null;
    }
}
