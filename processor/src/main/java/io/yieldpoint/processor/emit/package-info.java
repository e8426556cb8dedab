@NullMarked
package io.yieldpoint.processor.emit;

import org.jspecify.annotations.NullMarked;
