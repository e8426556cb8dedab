@NullMarked
package io.yieldpoint.it.fast;

import org.jspecify.annotations.NullMarked;
