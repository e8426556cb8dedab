@NullMarked
package io.yieldpoint.it.inherit;

import org.jspecify.annotations.NullMarked;
