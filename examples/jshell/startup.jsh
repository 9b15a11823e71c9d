// Start-up for ./jshell and for every script it runs: our packages and the JDK's usual ones.
import dev.mlops.core.*;
import dev.mlops.benchmarking.*;
import dev.mlops.benchmarking.tribuo.*;
import dev.mlops.data.*;
import dev.mlops.preprocessing.*;
import dev.mlops.preprocessing.steps.*;
import dev.mlops.preprocessing.tribuo.*;
import java.io.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.stream.*;
import java.util.zip.*;
