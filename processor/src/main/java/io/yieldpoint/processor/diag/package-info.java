@NullMarked
package io.yieldpoint.processor.diag;

import org.jspecify.annotations.NullMarked;
