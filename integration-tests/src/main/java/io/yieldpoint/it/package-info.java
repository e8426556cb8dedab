@NullMarked
package io.yieldpoint.it;

import org.jspecify.annotations.NullMarked;
