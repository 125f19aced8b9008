@REM The reference server's launcher on Windows: builds the jar on first use and again when a source
@REM is newer than the jar, then runs it with your arguments and -XX:GCTimeRatio=1 (see wxchat-server);
@REM options in WXCHAT_SERVER_JAVA_OPTS come after it, so they win.
@echo off
setlocal
set "MODULE=%~dp0.."
for %%i in ("%MODULE%") do set "MODULE=%%~fi"
for %%i in ("%MODULE%\..") do set "ROOT=%%~fi"
set "JAR=%MODULE%\target\reference-server.jar"
set "STALE="
if not exist "%JAR%" (
  set "STALE=first run, about 30 s"
) else (
  for /f "usebackq delims=" %%n in (`powershell -NoProfile -Command "$jar=(Get-Item '%JAR%').LastWriteTime; $paths='%MODULE%\src\main','%MODULE%\pom.xml','%ROOT%\pom.xml'; if (Get-ChildItem -Recurse -File $paths -ErrorAction SilentlyContinue | Where-Object { $_.LastWriteTime -gt $jar } | Select-Object -First 1) { 'stale' }"`) do set "STALE=sources are newer than the jar"
)
if defined STALE (
  echo wxchat-server: building %JAR% ^(%STALE%^)... 1>&2
  pushd "%ROOT%"
  call mvnw.cmd -q -B -ntp -pl reference-server -am package -DskipTests 1>&2
  if errorlevel 1 (
    echo wxchat-server: the build of %JAR% failed ^(above^); fix it, or build by hand: mvnw.cmd -B -ntp -pl reference-server -am package -DskipTests 1>&2
    popd & exit /b 2
  )
  popd
)
java -XX:GCTimeRatio=1 %WXCHAT_SERVER_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
