@NullMarked
package io.yieldpoint.it.shield;

import org.jspecify.annotations.NullMarked;
