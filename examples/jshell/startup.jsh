// Start-up for ./jshell and for every script it runs: our packages and the JDK's usual ones.
// (The data-access and preprocessing packages join this list as their APIs land.)
import dev.mlops.core.*;
import dev.mlops.benchmarking.tribuo.*;
import java.io.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.stream.*;
import java.util.zip.*;
