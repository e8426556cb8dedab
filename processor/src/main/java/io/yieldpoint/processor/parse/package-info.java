@NullMarked
package io.yieldpoint.processor.parse;

import org.jspecify.annotations.NullMarked;
