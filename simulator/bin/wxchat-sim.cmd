@REM The simulator's launcher on Windows: builds the runnable jar on first use and again when a
@REM source is newer than the jar, then runs it with your arguments (see wxchat-sim).
@echo off
setlocal
set "MODULE=%~dp0.."
for %%i in ("%MODULE%") do set "MODULE=%%~fi"
for %%i in ("%MODULE%\..") do set "ROOT=%%~fi"
set "JAR=%MODULE%\target\simulator.jar"
set "STALE="
if not exist "%JAR%" (
  set "STALE=first run, about a minute"
) else (
  for /f "usebackq delims=" %%n in (`powershell -NoProfile -Command "$jar=(Get-Item '%JAR%').LastWriteTime; $paths='%MODULE%\src\main','%MODULE%\pom.xml','%ROOT%\pom.xml','%ROOT%\reference-server\src\main','%ROOT%\reference-server\pom.xml','%ROOT%\scenarios','%ROOT%\docs\PROTOCOL.md'; if (Get-ChildItem -Recurse -File $paths -ErrorAction SilentlyContinue | Where-Object { $_.LastWriteTime -gt $jar } | Select-Object -First 1) { 'stale' }"`) do set "STALE=sources are newer than the jar"
)
if defined STALE (
  echo wxchat-sim: building %JAR% ^(%STALE%^)... 1>&2
  pushd "%ROOT%"
  call mvnw.cmd -q -B -ntp -pl simulator -am package -DskipTests 1>&2
  if errorlevel 1 (
    echo wxchat-sim: the build of %JAR% failed ^(above^); fix it, or build by hand: mvnw.cmd -B -ntp -pl simulator -am package -DskipTests 1>&2
    popd & exit /b 2
  )
  popd
)
if not defined WXCHAT_SCENARIOS set "WXCHAT_SCENARIOS=%ROOT%\scenarios"
java -jar "%JAR%" %*
exit /b %ERRORLEVEL%
