@NullMarked
package io.yieldpoint.it.debug;

import org.jspecify.annotations.NullMarked;
