@NullMarked
package io.yieldpoint.processor.lower;

import org.jspecify.annotations.NullMarked;
