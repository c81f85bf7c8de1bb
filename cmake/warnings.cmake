# atlas_target_warnings(<target>): our warning set, applied to our own targets only.
function(atlas_target_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2
    # Designated initializers that leave members at their defaults are idiomatic here.
    -Wno-missing-field-initializers)
  if(ATLAS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(ATLAS_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
