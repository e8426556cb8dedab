package io.yieldpoint.examples.paging;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a paged API: its items, and the cursor of the next page (null on the last). */
public record Page(List<String> items, @Nullable String next) {}
